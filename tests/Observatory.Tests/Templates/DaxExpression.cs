namespace Observatory.Tests.Templates;

/// <summary>A DAX expression as a tree, as <see cref="DaxParser"/> reads it.</summary>
public abstract record DaxExpression;

public sealed record DaxNumber(double Value) : DaxExpression;

public sealed record DaxString(string Value) : DaxExpression;

/// <summary><c>Table[Column]</c>, <c>'Table'[Column]</c>, or a bare <c>[Name]</c> (Table null): a measure, or a column of the row's table.</summary>
public sealed record DaxColumn(string? Table, string Name) : DaxExpression;

/// <summary>A table named on its own, e.g. the argument of <c>COUNTROWS ( Referrals )</c>.</summary>
public sealed record DaxTable(string Name) : DaxExpression;

/// <summary>A name a VAR of an enclosing block defines.</summary>
public sealed record DaxVariable(string Name) : DaxExpression;

public sealed record DaxCall(string Function, IReadOnlyList<DaxExpression> Arguments) : DaxExpression;

/// <summary><c>-x</c>, <c>+x</c> or <c>NOT x</c>.</summary>
public sealed record DaxUnary(string Operator, DaxExpression Operand) : DaxExpression;

/// <summary>Arithmetic, <c>&amp;</c>, comparisons, <c>IN</c>, <c>&amp;&amp;</c> and <c>||</c>; the operator as written (IN upper-cased).</summary>
public sealed record DaxBinary(string Operator, DaxExpression Left, DaxExpression Right) : DaxExpression;

/// <summary><c>VAR a = ... VAR b = ... RETURN ...</c>.</summary>
public sealed record DaxVarBlock(IReadOnlyList<(string Name, DaxExpression Value)> Variables, DaxExpression Return) : DaxExpression;

/// <summary>A table constructor <c>{ "a", "b" }</c> (one column), e.g. the right of IN.</summary>
public sealed record DaxList(IReadOnlyList<DaxExpression> Items) : DaxExpression;

public static class DaxExpressions
{
    /// <summary>The expression and every expression inside it, depth first.</summary>
    public static IEnumerable<DaxExpression> DescendantsAndSelf(this DaxExpression e) => e switch
    {
        DaxCall c => c.Arguments.SelectMany(DescendantsAndSelf).Prepend(e),
        DaxUnary u => u.Operand.DescendantsAndSelf().Prepend(e),
        DaxBinary b => b.Left.DescendantsAndSelf().Concat(b.Right.DescendantsAndSelf()).Prepend(e),
        DaxVarBlock v => v.Variables.SelectMany(x => x.Value.DescendantsAndSelf()).Concat(v.Return.DescendantsAndSelf()).Prepend(e),
        DaxList l => l.Items.SelectMany(DescendantsAndSelf).Prepend(e),
        _ => [e],
    };
}
