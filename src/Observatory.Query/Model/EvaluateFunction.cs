using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;

namespace Observatory.Query.Model;

/// <summary>
/// <c>Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',area='Hackney',breakdown='ethnic-group',filter='...')</c>:
/// an indicator evaluated on request for a slice nobody precomputed, as rows with the columns of IndicatorValues (a
/// collection of <see cref="ResultType"/>). Bound to the Indicator entity type; every parameter but the period is
/// optional (Core.OptionalParameter), so a client may leave out what it does not narrow.
/// </summary>
public static class EvaluateFunction
{
    public const string Name = "Evaluate";
    public const string ResultType = "LiveIndicatorValue";

    public const string Period = "period";
    public const string Area = "area";
    public const string Breakdown = "breakdown";
    public const string Filter = "filter";

    /// <summary>The area evaluated when none is named: the ICS as a whole.</summary>
    public const string DefaultArea = "City and Hackney";

    /// <summary>The breakdown evaluated when none is named: the overall figure alone.</summary>
    public const string DefaultBreakdown = "overall";

    /// <summary>The filter when none is given: the condition every row meets, so none beyond the indicator's own.</summary>
    public const string NoFilter = "true";

    public static string FullName => $"{WarehouseEdm.Namespace}.{Name}";

    private const string Description =
        "Evaluates the indicator live for a slice nobody precomputed: a period (any the indicator is given for, or a run of days), " +
        "an area, one breakdown, and a filter over its facts. The rows are the breakdown's groups and the overall figure, with the " +
        "columns of IndicatorValues, computed by the same definitions, statistics and disclosure control, at the caller's level: " +
        "for a slice IndicatorValues holds they are the same values. Trend is NotEnoughData (a trend needs the four periods " +
        "before, which a live evaluation does not compute); the slope index of inequality is given as in IndicatorValues. " +
        "$select, $filter, $orderby, $top, $skip and $count apply to the rows.";

    private static readonly (string Name, bool Optional, string? Default, string Text)[] Parameters =
    [
        (Period, false, null,
            "The period: a financial year ('2022/23'), a financial quarter ('Q1 2022/23'), a month ('2022-04'), 12 months " +
            "('12 months to 2023-03'), or a run of days ('2022-04-01/2022-09-30', for indicators given by month). Of a type the " +
            "indicator is given for (Indicators.Periods), within the data (WarehouseLoads); at the controlled level financial years " +
            "and their quarters only."),
        (Area, true, DefaultArea, "'City and Hackney' (the ICS, the default), 'Hackney' or 'City of London'."),
        (Breakdown, true, DefaultBreakdown,
            "'overall' (the default: the overall figure alone) or one of the indicator's breakdowns (Indicators.Breakdowns): its groups and the overall figure."),
        (Filter, true, NoFilter,
            "A condition in $filter syntax over the indicator's fact set, added to the indicator's own filter, e.g. " +
            "Ethnicity/BroadGroup eq 'Black' and AgeBand/Name eq '18-24'. At the controlled level it picks categories: " +
            "Property eq value on dimension attributes, dimension keys or flags, joined by and. The default, true, adds no condition."),
    ];

    /// <summary>What a live row's column means where it differs from the stored value's.</summary>
    private static readonly Dictionary<string, string> LiveMeanings = new(StringComparer.Ordinal)
    {
        ["PeriodType"] = "Month, Quarter, FinancialYear, Rolling12Months, or DateRange for a run of days.",
        ["PeriodStartKey"] = "First day of the period or run of days (yyyymmdd).",
        ["PeriodEndKey"] = "Last day of the period or run of days (yyyymmdd).",
        ["Period"] = "The period as shown, e.g. '2023/24', 'Q1 2023/24', '2023-04', '12 months to 2024-03', '2023-04-01/2023-09-30'.",
        ["Trend"] = "NotEnoughData: a live value has no trend, which needs the four periods before this one (IndicatorValues gives it for every stored period).",
        ["TrendMeaning"] = "Empty: a live value has no trend.",
    };

    /// <summary>Adds the result type and the function bound to <paramref name="indicator"/>, each described.</summary>
    /// <param name="values">The stored values' entity, whose columns (but the row identifier) the result carries.</param>
    internal static void Add(EdmModel model, EdmEntityType indicator, IEntityType values)
    {
        var result = new EdmComplexType(WarehouseEdm.Namespace, ResultType);
        WarehouseEdm.Annotate(model, result,
            "One value of an indicator evaluated on request (Indicators(id)/Observatory.Evaluate) for the period, area, breakdown group " +
            "and filter asked for: the columns of IndicatorValues, computed by the same definitions and statistics and released at the " +
            "caller's disclosure level.");
        foreach (var column in WarehouseEdm.Declared(values).Where(p => !p.IsPrimaryKey()))
        {
            var property = result.AddStructuralProperty(column.Name, WarehouseEdm.Primitive(column.ClrType), column.IsNullable);
            WarehouseEdm.Annotate(model, property, LiveMeanings.GetValueOrDefault(column.Name)
                ?? WarehouseEdm.Description(column.PropertyInfo!)
                ?? throw new InvalidOperationException($"IndicatorValue.{column.Name} has no [Description]."));
        }

        model.AddElement(result);
        var function = new EdmFunction(WarehouseEdm.Namespace, Name,
            EdmCoreModel.GetCollection(new EdmComplexTypeReference(result, isNullable: false)), isBound: true, entitySetPathExpression: null, isComposable: false);
        var binding = function.AddParameter("indicator", new EdmEntityTypeReference(indicator, isNullable: false));
        WarehouseEdm.Annotate(model, binding, "The indicator evaluated: the Indicators entity the function is called on.");
        foreach (var (name, optional, defaultValue, text) in Parameters)
        {
            var parameter = optional
                ? function.AddOptionalParameter(name, EdmCoreModel.Instance.GetString(isNullable: true), defaultValue)
                : function.AddParameter(name, EdmCoreModel.Instance.GetString(isNullable: false));
            WarehouseEdm.Annotate(model, parameter, text);
        }

        WarehouseEdm.Annotate(model, function, Description);
        model.AddElement(function);
    }
}
