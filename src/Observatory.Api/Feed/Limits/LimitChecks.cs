using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;
using Observatory.Api.Feed.Parsing;

namespace Observatory.Api.Feed.Limits;

/// <summary>The limits a parsed request is held to before anything runs; each refusal names the limit.</summary>
public static class LimitChecks
{
    public static void Check(FeedRequest request, FeedLimits limits)
    {
        if (request.Top > limits.MaxTop)
        {
            throw Refuse($"$top is {request.Top}; the limit is {limits.MaxTop}. Follow @odata.nextLink through the pages instead.");
        }

        var clauses = 0;
        for (var item = request.OrderBy; item is not null; item = item.ThenBy)
        {
            clauses++;
        }

        if (clauses > limits.MaxOrderByClauses)
        {
            throw Refuse($"$orderby has {clauses} clauses; the limit is {limits.MaxOrderByClauses}.");
        }

        var nodes = new Counter(limits);
        nodes.Visit(request.Filter?.Expression);
        for (var item = request.OrderBy; item is not null; item = item.ThenBy)
        {
            nodes.Visit(item.Expression);
        }

        foreach (var computed in request.Compute?.ComputedItems ?? [])
        {
            nodes.Visit(computed.Expression);
        }

        foreach (var step in request.Apply?.Transformations ?? [])
        {
            nodes.Visit(step);
        }

        if (nodes.Count > limits.MaxNodeCount)
        {
            throw Refuse($"The query's expressions have {nodes.Count} parts (operators, functions, properties and values); the limit is {limits.MaxNodeCount}. Split the query, or filter on a dimension attribute instead of listing values.");
        }
    }

    private static FeedRequestException Refuse(string message) => FeedRequestException.BadRequest(message);

    private sealed class Counter(FeedLimits limits)
    {
        public int Count { get; private set; }

        public void Visit(TransformationNode step)
        {
            switch (step)
            {
                case FilterTransformationNode filter:
                    Visit(filter.FilterClause.Expression);
                    break;
                case ComputeTransformationNode compute:
                    foreach (var item in compute.Expressions)
                    {
                        Visit(item.Expression);
                    }

                    break;
                case GroupByTransformationNode groupBy:
                    var columns = Leaves(groupBy.GroupingProperties).ToList();
                    var aggregates = (groupBy.ChildTransformations as AggregateTransformationNode)?.AggregateExpressions.ToList() ?? [];
                    Columns(columns.Count + aggregates.Count);
                    columns.ForEach(Visit);
                    aggregates.ForEach(Visit);
                    break;
                case AggregateTransformationNode aggregate:
                    Columns(aggregate.AggregateExpressions.Count());
                    foreach (var expression in aggregate.AggregateExpressions)
                    {
                        Visit(expression);
                    }

                    break;
            }
        }

        public void Visit(QueryNode? node)
        {
            if (node is null)
            {
                return;
            }

            Count++;
            switch (node)
            {
                case BinaryOperatorNode binary:
                    Visit(binary.Left);
                    Visit(binary.Right);
                    break;
                case UnaryOperatorNode unary:
                    Visit(unary.Operand);
                    break;
                case ConvertNode convert:
                    Count--;
                    Visit(convert.Source);
                    break;
                case SingleValueFunctionCallNode call:
                    foreach (var parameter in call.Parameters)
                    {
                        Visit(parameter);
                    }

                    break;
                case InNode @in:
                    Visit(@in.Left);
                    if (@in.Right is CollectionConstantNode list && list.Collection.Count > limits.MaxInListLength)
                    {
                        throw Refuse($"An 'in' list has {list.Collection.Count} values; the limit is {limits.MaxInListLength}. Split the query, or filter on a dimension attribute instead.");
                    }

                    break;
                case SingleValuePropertyAccessNode property:
                    Visit(property.Source);
                    break;
                case SingleValueOpenPropertyAccessNode open:
                    Visit(open.Source);
                    break;
                case SingleNavigationNode navigation:
                    Count--;
                    Visit(navigation.Source);
                    break;
                case ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode:
                    Count--;
                    break;
                case LambdaNode lambda:
                    Visit(lambda.Source);
                    Visit(lambda.Body);
                    break;
            }
        }

        private void Visit(AggregateExpressionBase expression)
        {
            Count++;
            if (expression is AggregateExpression { Expression: { } value })
            {
                Visit(value);
            }
        }

        private void Columns(int count)
        {
            if (count > limits.MaxApplyColumns)
            {
                throw Refuse($"A groupby or aggregate of $apply has {count} properties and aggregates; the limit is {limits.MaxApplyColumns}.");
            }
        }

        private static IEnumerable<QueryNode> Leaves(IEnumerable<GroupByPropertyNode> nodes) =>
            nodes.SelectMany(n => n.Expression is not null ? [n.Expression] : Leaves(n.ChildTransformations));
    }
}
