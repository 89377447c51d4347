namespace Observatory.Tests.Templates;

/// <summary>
/// Reads DAX into a tree, with the operator precedence of Microsoft's DAX reference (highest first): <c>^</c>;
/// sign; <c>* /</c>; <c>+ -</c>; <c>&amp;</c>; comparisons and IN; NOT; <c>&amp;&amp;</c>; <c>||</c>. A bare name is a
/// variable when an enclosing VAR defines it, else a table.
/// </summary>
public sealed class DaxParser
{
    private static readonly string[] Comparisons = ["=", "==", "<>", "<", "<=", ">", ">="];

    private readonly string _dax;
    private readonly IReadOnlyList<DaxToken> _tokens;
    private readonly Stack<HashSet<string>> _variables = new();
    private int _at;

    private DaxParser(string dax)
    {
        _dax = dax;
        _tokens = DaxTokenizer.Tokenize(dax);
    }

    public static DaxExpression Parse(string dax)
    {
        var parser = new DaxParser(dax);
        var expression = parser.Expression();
        return parser.Next.Kind == DaxTokenKind.End ? expression : throw parser.Error($"unexpected '{parser.Next.Text}'");
    }

    private DaxToken Next => _tokens[_at];

    private DaxToken Take() => _tokens[_at++];

    private bool TakeIf(string text)
    {
        if (!Next.Is(text))
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(string text)
    {
        if (!TakeIf(text))
        {
            throw Error($"'{text}' expected, not '{Next.Text}'");
        }
    }

    private FormatException Error(string problem) => DaxTokenizer.Error(_dax, Next.Position, problem);

    private DaxExpression Expression() => Next.Is("VAR") ? VarBlock() : Or();

    private DaxVarBlock VarBlock()
    {
        var scope = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _variables.Push(scope);
        var variables = new List<(string, DaxExpression)>();
        while (TakeIf("VAR"))
        {
            var name = Take();
            if (name.Kind != DaxTokenKind.Name)
            {
                throw Error("a VAR needs a name");
            }

            Expect("=");
            variables.Add((name.Text, Expression()));
            scope.Add(name.Text);
        }

        Expect("RETURN");
        var result = new DaxVarBlock(variables, Expression());
        _variables.Pop();
        return result;
    }

    private DaxExpression Or() => LeftToRight(And, "||");

    private DaxExpression And() => LeftToRight(Not, "&&");

    private DaxExpression Not()
    {
        // NOT ( x ) reads as a function call; NOT x as the operator.
        if (!Next.Is("NOT") || _tokens[_at + 1].Is("("))
        {
            return Comparison();
        }

        Take();
        return new DaxUnary("NOT", Not());
    }

    private DaxExpression Comparison()
    {
        var left = Concatenation();
        while ((Comparisons.FirstOrDefault(Next.Is) ?? (Next.Is("IN") ? "IN" : null)) is { } op)
        {
            Take();
            left = new DaxBinary(op, left, Concatenation());
        }

        return left;
    }

    private DaxExpression Concatenation() => LeftToRight(Sum, "&");

    private DaxExpression Sum() => LeftToRight(Product, "+", "-");

    private DaxExpression Product() => LeftToRight(Sign, "*", "/");

    private DaxExpression Sign() => Next.Is("-") || Next.Is("+") ? new DaxUnary(Take().Text, Sign()) : Power();

    private DaxExpression Power()
    {
        var left = Primary();
        return TakeIf("^") ? new DaxBinary("^", left, Sign()) : left;
    }

    private DaxExpression LeftToRight(Func<DaxExpression> operand, params string[] operators)
    {
        var left = operand();
        while (operators.FirstOrDefault(Next.Is) is { } op)
        {
            Take();
            left = new DaxBinary(op, left, operand());
        }

        return left;
    }

    private DaxExpression Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case DaxTokenKind.Number:
                return new DaxNumber(token.Number);
            case DaxTokenKind.String:
                return new DaxString(token.Text);
            case DaxTokenKind.Bracketed:
                return new DaxColumn(null, token.Text);
            case DaxTokenKind.Operator when token.Text == "(":
                var inner = Expression();
                Expect(")");
                return inner;
            case DaxTokenKind.Operator when token.Text == "{":
                var items = new List<DaxExpression> { Expression() };
                while (TakeIf(","))
                {
                    items.Add(Expression());
                }

                Expect("}");
                return new DaxList(items);
            case DaxTokenKind.Name when Next.Is("("):
                return Call(token.Text);
            case DaxTokenKind.Name when token.Is("TRUE") || token.Is("FALSE"):
                return new DaxCall(token.Text.ToUpperInvariant(), []);
            case DaxTokenKind.Name or DaxTokenKind.QuotedName when Next.Kind == DaxTokenKind.Bracketed:
                return new DaxColumn(token.Text, Take().Text);
            case DaxTokenKind.Name when _variables.Any(v => v.Contains(token.Text)):
                return new DaxVariable(token.Text);
            case DaxTokenKind.Name or DaxTokenKind.QuotedName:
                return new DaxTable(token.Text);
            default:
                _at--;
                throw Error($"unexpected '{token.Text}'");
        }
    }

    private DaxCall Call(string function)
    {
        Expect("(");
        var arguments = new List<DaxExpression>();
        if (!TakeIf(")"))
        {
            do
            {
                arguments.Add(Expression());
            }
            while (TakeIf(","));
            Expect(")");
        }

        return new DaxCall(function.ToUpperInvariant(), arguments);
    }
}
