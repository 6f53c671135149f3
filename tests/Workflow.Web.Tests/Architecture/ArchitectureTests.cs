using Mono.Cecil;

namespace Workflow.Web.Tests.Architecture;

/// <summary>
/// The house's rooms and doors (docs/adr/0009-feature-slices.md): every type of the host belongs to a folder by its
/// namespace; the platform folders are shared by all and depend on no feature; a feature depends only on the features
/// the table allows, so the feature graph has no cycle; composition folders (Setup, Pages, Program) wire everything.
/// A reference means anything the compiled code names: base types, fields, signatures, attributes, and every type,
/// method and field used in a method body.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>The ground every feature stands on. Platform folders may use each other, never a feature.</summary>
    public static readonly IReadOnlySet<string> Platform = new HashSet<string>
    {
        "Common", "Data", "Identity", "Audit", "Localization", "Jobs", "Org", "Templates", "Notifications", "Mail",
    };

    /// <summary>Where the pieces are put together; they may use anything.</summary>
    public static readonly IReadOnlySet<string> Composition = new HashSet<string> { "Setup", "Pages", "(root)" };

    /// <summary>Each feature and the features it may use (besides the platform). Everything else talks by events.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Features = new Dictionary<string, string[]>
    {
        ["Processes"] = [],
        ["EngineRest"] = ["Processes"],
        ["Designer"] = ["Processes"],
        ["Ratings"] = ["Processes"],
        ["Inbox"] = ["Processes", "Ratings"],
        ["Awards"] = ["Processes", "Ratings"],
        ["Reminders"] = ["Processes", "Ratings"],
        ["Meetings"] = [],
        ["Imports"] = ["Awards", "Ratings"],
        ["Reports"] = ["Awards", "Meetings", "Ratings"],
        ["Demo"] = ["Awards", "Ratings", "Reports"],
    };

    [Fact]
    public void Every_folder_is_platform_a_feature_or_composition()
    {
        var unknown = Graph().Keys.Where(f => !Platform.Contains(f) && !Composition.Contains(f) && !Features.ContainsKey(f)).Order().ToList();
        Assert.True(unknown.Count == 0, "Folders not in the architecture table (add them to docs/adr/0009 and here): " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_platform_depends_on_no_feature()
    {
        var wrong = Graph().Where(g => Platform.Contains(g.Key))
            .SelectMany(g => g.Value.Where(d => Features.ContainsKey(d.Key) || Composition.Contains(d.Key)).Select(d => $"{g.Key} → {d.Key}: {d.Value}"))
            .Order().ToList();
        Assert.True(wrong.Count == 0, "The platform uses features:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Features_use_only_the_features_the_table_allows()
    {
        var wrong = Graph().Where(g => Features.ContainsKey(g.Key))
            .SelectMany(g => g.Value.Where(d => (Features.ContainsKey(d.Key) && !Features[g.Key].Contains(d.Key)) || Composition.Contains(d.Key))
                .Select(d => $"{g.Key} → {d.Key}: {d.Value}"))
            .Order().ToList();
        Assert.True(wrong.Count == 0, "Features reaching into features they may not use (talk by events instead):\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_allowed_feature_graph_has_no_cycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        bool Cycle(string feature)
        {
            if (done.Contains(feature))
            {
                return false;
            }

            if (!visiting.Add(feature))
            {
                return true;
            }

            var found = Features[feature].Any(Cycle);
            visiting.Remove(feature);
            done.Add(feature);
            return found;
        }

        Assert.DoesNotContain(Features.Keys, Cycle);
    }

    /// <summary>Folder → (folder it uses → one example of a use, for the message).</summary>
    public static Dictionary<string, Dictionary<string, string>> Graph()
    {
        var path = typeof(Program).Assembly.Location;
        using var module = ModuleDefinition.ReadModule(path);
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in module.GetTypes())
        {
            if (Folder(type) is not { } from)
            {
                continue;
            }

            var uses = graph.TryGetValue(from, out var existing) ? existing : graph[from] = [];
            foreach (var (used, where) in References(type))
            {
                if (Folder(used) is { } to && to != from)
                {
                    uses.TryAdd(to, $"{Name(type)} uses {used.FullName} ({where})");
                }
            }
        }

        return graph;
    }

    private static string Name(TypeDefinition type) => type.FullName.Replace("Workflow.Web.", "", StringComparison.Ordinal);

    /// <summary>
    /// The host folder a type belongs to: the namespace segment after Workflow.Web (a nested or compiler-made type by its
    /// owner); Razor's compiled views are the Pages folder; Program and the root namespace are "(root)".
    /// </summary>
    private static string? Folder(TypeReference type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType;
        }

        var ns = type.Namespace;
        return ns.StartsWith("Workflow.Web.", StringComparison.Ordinal) ? ns["Workflow.Web.".Length..].Split('.')[0]
            : ns == "Workflow.Web" || (ns.Length == 0 && type.Name == "Program") ? "(root)"
            : ns == "AspNetCoreGeneratedDocument" ? "Pages"
            : null;
    }

    private static IEnumerable<(TypeReference Type, string Where)> References(TypeDefinition type)
    {
        IEnumerable<TypeReference> Expand(TypeReference? t)
        {
            if (t is null)
            {
                yield break;
            }

            if (t is GenericInstanceType generic)
            {
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Expand))
                {
                    yield return argument;
                }
            }
            else if (t is TypeSpecification spec)
            {
                foreach (var inner in Expand(spec.ElementType))
                {
                    yield return inner;
                }
            }
            else if (t is not GenericParameter)
            {
                yield return t;
            }
        }

        foreach (var t in Expand(type.BaseType))
        {
            yield return (t, "base type");
        }

        foreach (var t in type.Interfaces.SelectMany(i => Expand(i.InterfaceType)))
        {
            yield return (t, "interface");
        }

        foreach (var attribute in type.CustomAttributes.Concat(type.Methods.SelectMany(m => m.CustomAttributes)).Concat(type.Properties.SelectMany(p => p.CustomAttributes)))
        {
            foreach (var t in Expand(attribute.AttributeType))
            {
                yield return (t, "attribute");
            }

            foreach (var argument in attribute.ConstructorArguments.Where(a => a.Value is TypeReference))
            {
                foreach (var t in Expand((TypeReference)argument.Value))
                {
                    yield return (t, "attribute argument");
                }
            }
        }

        foreach (var field in type.Fields)
        {
            foreach (var t in Expand(field.FieldType))
            {
                yield return (t, $"field {field.Name}");
            }
        }

        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType))))
            {
                yield return (t, $"signature of {method.Name}");
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var t in method.Body.Variables.SelectMany(v => Expand(v.VariableType)))
            {
                yield return (t, $"local in {method.Name}");
            }

            foreach (var instruction in method.Body.Instructions)
            {
                var operand = instruction.Operand switch
                {
                    TypeReference t => Expand(t),
                    MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType)).Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType)))
                        .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
                    FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
                    _ => [],
                };
                foreach (var t in operand)
                {
                    yield return (t, $"code of {method.Name}");
                }
            }
        }
    }
}
