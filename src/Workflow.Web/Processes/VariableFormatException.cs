namespace Workflow.Web.Processes;

/// <summary>A typed variable that does not match its type, or is not a typed variable at all.</summary>
public sealed class VariableFormatException(string message) : Exception(message);
