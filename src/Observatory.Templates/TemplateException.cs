namespace Observatory.Templates;

/// <summary>The catalogue, the dashboards or the model hold something the templates cannot express; the message says what and where.</summary>
public sealed class TemplateException(string message) : Exception(message);
