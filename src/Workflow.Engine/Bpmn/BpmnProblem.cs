namespace Workflow.Engine.Bpmn;

/// <summary>One problem found in a BPMN file: which element (id and name) and what is wrong, in Vietnamese.</summary>
public sealed record BpmnProblem(string? ElementId, string? ElementName, string Message, string? Resource = null)
{
    public override string ToString() =>
        ElementId is null ? Message : $"{ElementId}{(string.IsNullOrEmpty(ElementName) ? "" : $" ({ElementName})")}: {Message}";
}

/// <summary>Thrown when a deployment is refused; carries every problem so the caller can show them all.</summary>
public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : Exception("Tệp BPMN không hợp lệ:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}
