using System.Reflection;
using Microsoft.OData.Edm;
using Observatory.Api.Embedding;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Running;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Live;
using Observatory.Query.Model;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Functions;

/// <summary>
/// Answers <c>Indicators('id')/Observatory.Evaluate(...)</c> (<see cref="EvaluateFunction"/>): the indicator evaluated
/// live (<see cref="LiveIndicators"/>) at the caller's disclosure level, over the rows the caller's scope (or embed
/// token) allows, in the lane of fact queries and within the time limit; then the result's query options, written as
/// any collection is.
/// </summary>
public sealed class IndicatorEvaluation(
    LiveIndicators live, IndicatorCatalogue catalogue, WarehouseDatabase database, IEdmModel model, QueryRunner runner,
    IRowPolicy rowPolicy, IDisclosurePolicy disclosure, FeedResponses responses, LiveValueCache cache, LockedRows locked, OutsideScope outside)
{
    private static readonly PropertyInfo[] Columns = typeof(IndicatorValue).GetProperties();

    public async Task AnswerAsync(HttpContext context, FeedRequest request)
    {
        var resource = request.Resource;
        var id = resource.Key as string;
        var definition = catalogue.Indicators.FirstOrDefault(i => i.Id == id)
                         ?? throw new FeedRequestException(StatusCodes.Status404NotFound, "NotFound",
                             $"There is no Indicators('{id}'): the catalogue's indicators are listed at /{FeedRoute.Prefix}/Indicators.");
        var slice = Slice(resource.Arguments);
        var asking = Caller.Of(context)!;
        if (asking.Embed is { } grant)
        {
            locked.CheckEvaluation(grant, definition.Id);
        }

        // A caller limited to a borough (or a token locked to boroughs) evaluates its own area only, as it reads only its
        // own stored values; and its filter, like any other, may not name a value outside its limits.
        await outside.CheckEvaluationAsync(asking, request, definition.Facts, slice.Area, slice.Filter, context.RequestAborted);

        var caller = new LiveCaller(disclosure.LevelFor(context) == DisclosureLevel.Controlled,
            (set, token) => rowPolicy.ConditionForAsync(context, model.EntityContainer.FindEntitySet(set), token));

        var scope = (await caller.RowCondition(definition.Facts, context.RequestAborted), await caller.RowCondition(nameof(Warehouse.Infrastructure.WarehouseContext.Population), context.RequestAborted));
        var values = await cache.GetAsync(definition.Id, slice, caller.Controlled, scope,
            () => runner.RunAsync(token => live.EvaluateAsync(database, definition, slice, caller, token), context.RequestAborted), context.RequestAborted);
        var type = (IEdmStructuredType)resource.Function!.GetReturn().Type.AsCollection().ElementType().Definition;
        var properties = type.StructuralProperties().Select(p => Columns.Single(c => c.Name == p.Name)).ToArray();
        var (shape, rows, count) = ResultOptions.Apply(request, type, values.Select(v => properties.Select(p => p.GetValue(v)).ToArray()));
        await using var reader = new ComputedRows(rows);
        await responses.ComputedAsync(context, request, shape, $"{request.ServiceRoot}/$metadata#Collection({type.FullTypeName()})", count, reader, context.RequestAborted);
    }

    private static LiveSlice Slice(IReadOnlyDictionary<string, string?> arguments)
    {
        string? Given(string name) => arguments.GetValueOrDefault(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
        var period = Given(EvaluateFunction.Period)
                     ?? throw FeedRequestException.BadRequest($"{EvaluateFunction.Name} needs a period, as in period='2022/23' (a financial year), 'Q1 2022/23', '2022-04' or '2022-04-01/2022-09-30'.");
        return new LiveSlice(period, Given(EvaluateFunction.Area) ?? EvaluateFunction.DefaultArea, Given(EvaluateFunction.Breakdown) ?? EvaluateFunction.DefaultBreakdown,
            Given(EvaluateFunction.Filter) is { } filter && filter.Trim() != EvaluateFunction.NoFilter ? filter : null);
    }
}
