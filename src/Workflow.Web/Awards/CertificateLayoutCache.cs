using System.Collections.Concurrent;

namespace Workflow.Web.Awards;

/// <summary>Compiled layouts per template (the shared one, or an award kind's own) and version, for the application's lifetime.</summary>
public sealed class CertificateLayoutCache
{
    public ConcurrentDictionary<(string Key, int Version), CompiledLayout> Versions { get; } = new();
}
