namespace Observatory.Indicators.Catalogue;

/// <summary>An indicator definition that cannot be used: it names what is wrong and where.</summary>
public sealed class CatalogueException(string message) : Exception(message);
