using MathNet.Numerics.Distributions;

namespace Observatory.Tests.Templates;

/// <summary>A DAX function called where the engine would raise an error (e.g. CHISQ.INV with no degrees of freedom).</summary>
public sealed class DaxEvaluationException(string problem) : Exception(problem);

/// <summary>
/// Evaluates the arithmetic of the value and interval measures for one filter context, with every measure they
/// name given by <paramref name="measure"/>. Values are a number, a boolean, a text or null (BLANK), with DAX's rules
/// for blanks: added or compared as 0, a product or quotient with a blank is blank, IF without an else gives blank.
/// CHISQ.INV is the left-tailed inverse of the chi-squared distribution and T.INV.2T the two-tailed inverse of
/// Student's t, with degrees of freedom truncated to whole numbers as DAX does.
/// </summary>
public sealed class DaxEvaluator(Func<string, double?> measure)
{
    public double? Evaluate(string dax) => Number(Evaluate(DaxParser.Parse(dax), new Dictionary<string, Lazy<object?>>(StringComparer.OrdinalIgnoreCase)));

    private object? Evaluate(DaxExpression e, Dictionary<string, Lazy<object?>> variables) => e switch
    {
        DaxNumber n => n.Value,
        DaxString s => s.Value,
        DaxVariable v => variables[v.Name].Value,
        DaxColumn { Table: null } m => measure(m.Name),
        DaxVarBlock block => Block(block, variables),
        DaxUnary { Operator: "NOT" } u => !Truth(Evaluate(u.Operand, variables)),
        DaxUnary { Operator: "-" } u => Number(Evaluate(u.Operand, variables)) is { } x ? -x : null,
        DaxUnary { Operator: "+" } u => Evaluate(u.Operand, variables),
        DaxBinary { Operator: "&&" } b => Truth(Evaluate(b.Left, variables)) && Truth(Evaluate(b.Right, variables)),
        DaxBinary { Operator: "||" } b => Truth(Evaluate(b.Left, variables)) || Truth(Evaluate(b.Right, variables)),
        DaxBinary b => Binary(b.Operator, Evaluate(b.Left, variables), Evaluate(b.Right, variables)),
        DaxCall c => Call(c, variables),
        _ => throw new DaxEvaluationException($"{MeasureTranslator.Describe(e)} cannot be evaluated as a number"),
    };

    private object? Block(DaxVarBlock block, Dictionary<string, Lazy<object?>> outer)
    {
        var variables = new Dictionary<string, Lazy<object?>>(outer, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in block.Variables)
        {
            // DAX evaluates a variable when it is first used, so a guarded one (n - 1 with n below 2) never fails.
            var scope = variables;
            variables[name] = new Lazy<object?>(() => Evaluate(value, scope));
        }

        return Evaluate(block.Return, variables);
    }

    private static object? Binary(string op, object? left, object? right)
    {
        var (a, b) = (Number(left), Number(right));
        return op switch
        {
            "+" => a is null && b is null ? null : (a ?? 0) + (b ?? 0),
            "-" => a is null && b is null ? null : (a ?? 0) - (b ?? 0),
            "*" => a is null || b is null ? null : a * b,
            "/" => a is null ? null : a / (b ?? 0),
            "^" => Math.Pow(a ?? 0, b ?? 0),
            "=" => (a ?? 0) == (b ?? 0),
            "==" => a == b,
            "<>" => (a ?? 0) != (b ?? 0),
            "<" => (a ?? 0) < (b ?? 0),
            "<=" => (a ?? 0) <= (b ?? 0),
            ">" => (a ?? 0) > (b ?? 0),
            ">=" => (a ?? 0) >= (b ?? 0),
            _ => throw new DaxEvaluationException($"the operator {op} is not evaluated here"),
        };
    }

    private object? Call(DaxCall call, Dictionary<string, Lazy<object?>> variables)
    {
        double? Arg(int i) => Number(Evaluate(call.Arguments[i], variables));
        double Required(int i) => Arg(i) ?? 0;
        return (call.Function, call.Arguments.Count) switch
        {
            ("IF", 2 or 3) => Truth(Evaluate(call.Arguments[0], variables))
                ? Evaluate(call.Arguments[1], variables)
                : call.Arguments.Count == 3 ? Evaluate(call.Arguments[2], variables) : null,
            ("DIVIDE", 2 or 3) => Arg(1) is null or 0 ? (call.Arguments.Count == 3 ? Arg(2) : null) : Arg(0) / Arg(1),
            ("SQRT", 1) => Required(0) >= 0 ? Math.Sqrt(Required(0)) : throw new DaxEvaluationException($"SQRT of {Required(0)}"),
            ("POWER", 2) => Math.Pow(Required(0), Required(1)),
            ("ABS", 1) => Arg(0) is { } x ? Math.Abs(x) : null,
            ("MAX", 2) => Arg(0) is { } a ? Arg(1) is { } b ? Math.Max(a, b) : a : Arg(1),
            ("MIN", 2) => Arg(0) is { } a ? Arg(1) is { } b ? Math.Min(a, b) : a : Arg(1),
            ("ISBLANK", 1) => Evaluate(call.Arguments[0], variables) is null,
            ("BLANK", 0) => null,
            ("TRUE", 0) => true,
            ("FALSE", 0) => false,
            ("NOT", 1) => !Truth(Evaluate(call.Arguments[0], variables)),
            ("AND", 2) => Truth(Evaluate(call.Arguments[0], variables)) && Truth(Evaluate(call.Arguments[1], variables)),
            ("OR", 2) => Truth(Evaluate(call.Arguments[0], variables)) || Truth(Evaluate(call.Arguments[1], variables)),
            ("COALESCE", > 1) => call.Arguments.Select(a => Evaluate(a, variables)).FirstOrDefault(v => v is not null),
            ("CHISQ.INV", 2) => Math.Truncate(Required(1)) is var k and >= 1 && Required(0) is var p and > 0 and < 1
                ? ChiSquared.InvCDF(k, p) : throw new DaxEvaluationException($"CHISQ.INV ( {Arg(0)}, {Arg(1)} )"),
            ("T.INV.2T", 2) => Math.Truncate(Required(1)) is var df and >= 1 && Required(0) is var p2 and > 0 and <= 1
                ? StudentT.InvCDF(0, 1, df, 1 - p2 / 2) : throw new DaxEvaluationException($"T.INV.2T ( {Arg(0)}, {Arg(1)} )"),
            _ => throw new DaxEvaluationException($"{call.Function} with {call.Arguments.Count} argument(s) is not evaluated here"),
        };
    }

    private static double? Number(object? value) => value switch
    {
        null => null,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new DaxEvaluationException($"'{value}' is not a number"),
    };

    private static bool Truth(object? value) => Number(value) is { } x && x != 0;
}
