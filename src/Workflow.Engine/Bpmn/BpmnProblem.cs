namespace Workflow.Engine.Bpmn;

/// <summary>
/// One problem found in a BPMN file: which element (id and name) and what is wrong (a <see cref="Engine.Message"/>: Vietnamese,
/// said in the reader's language by the host).
/// </summary>
public sealed record BpmnProblem(string? ElementId, string? ElementName, Message Message, string? Resource = null)
{
    public override string ToString() =>
        ElementId is null ? Message.ToString() : $"{ElementId}{(string.IsNullOrEmpty(ElementName) ? "" : $" ({ElementName})")}: {Message}";
}

/// <summary>Thrown when a deployment is refused; carries every problem so the caller can show them all.</summary>
public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : Exception("Tệp BPMN không hợp lệ:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}
