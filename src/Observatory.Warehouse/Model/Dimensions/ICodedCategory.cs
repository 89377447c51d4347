namespace Observatory.Warehouse.Model.Dimensions;

/// <summary>A demographic code list whose members are either informative or 'not stated / not known'.</summary>
public interface ICodedCategory
{
    string Code { get; }
    string Name { get; }
    bool IsKnown { get; }
}
