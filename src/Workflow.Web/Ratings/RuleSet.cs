using System.Text.Json;
using System.Text.Json.Serialization;
namespace Workflow.Web.Ratings;

/// <summary>
/// A versioned rule set (132-QĐ/TW, 124-QĐ/TW, 366-QĐ/TW...): forms and criteria per subject type, grading, the bands
/// that suggest a level, the hard caps and the quota. A version used by a round is never edited: an admin saves a new
/// version instead.
/// </summary>
public sealed class RuleSet : Entity, IAudited
{
    /// <summary>The regulation's number, e.g. "124-QĐ/TW".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; } = 1;
    public int FromYear { get; set; }
    public int? ToYear { get; set; }
    /// <summary>The definition as JSON (<see cref="RuleSetDefinition"/>).</summary>
    public required string Definition { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }

    public bool AppliesTo(int year) => FromYear <= year && (ToYear is null || year <= ToYear);

    public RuleSetDefinition Parse() => RuleSetDefinition.FromJson(Definition);
}

public sealed record RuleSetDefinition
{
    public ScoringMode Scoring { get; init; }
    public QuotaRule Quota { get; init; } = new();
    public List<CapRule> Caps { get; init; } = [];
    public List<SubjectForm> Forms { get; init; } = [];
    /// <summary>Whether the order rules (lower before higher, collectives before members) block or only warn.</summary>
    public bool OrderRulesBlock { get; init; }

    /// <summary>
    /// Whether the bands are limits rather than suggestions: no level better than the answers' band, whatever the reason
    /// (366-QĐ/TW's points and HTXSNV conditions). A lower level stays possible with a reason. Unset: limits for a
    /// points-based rule set, suggestions for a graded one.
    /// </summary>
    public bool? BandsAreLimits { get; init; }

    /// <summary>The effective <see cref="BandsAreLimits"/>.</summary>
    [JsonIgnore]
    public bool BandsLimit => BandsAreLimits ?? Scoring == ScoringMode.Points;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RuleSetDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<RuleSetDefinition>(json, Json) ?? throw new JsonException("Định nghĩa bộ quy tắc rỗng.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The form a subject fills in: the one for its type (and, for members, their kind).</summary>
    public SubjectForm? FormFor(SubjectType subject, MemberKind kind = MemberKind.None) =>
        Forms.FirstOrDefault(f => f.Subject == subject && (subject != SubjectType.Member || f.MemberKind == kind))
        ?? Forms.FirstOrDefault(f => f.Subject == subject);

    /// <summary>Problems that make the definition unusable, in Vietnamese (empty when valid).</summary>
    public List<string> Validate()
    {
        var problems = new List<string>();
        if (Quota.Percent is <= 0 or > 100)
        {
            problems.Add("Tỷ lệ tối đa hoàn thành xuất sắc phải lớn hơn 0 và không quá 100%.");
        }

        foreach (var subject in Enum.GetValues<SubjectType>())
        {
            if (!Forms.Any(f => f.Subject == subject))
            {
                problems.Add($"Thiếu biểu mẫu cho {RatingText.Name(subject).ToLowerInvariant()}.");
            }
        }

        foreach (var form in Forms)
        {
            if (form.Criteria.Count == 0)
            {
                problems.Add($"Biểu mẫu {form.FormCode}: chưa có tiêu chí nào.");
            }

            if (form.Criteria.GroupBy(c => c.Code).Any(g => g.Count() > 1))
            {
                problems.Add($"Biểu mẫu {form.FormCode}: mã tiêu chí bị trùng.");
            }

            if (Scoring == ScoringMode.Points && form.Criteria.Any(c => c.MaxPoints is not > 0))
            {
                problems.Add($"Biểu mẫu {form.FormCode}: thang điểm 100 cần điểm tối đa cho mỗi tiêu chí.");
            }

            if (Scoring == ScoringMode.Points && form.Criteria.Sum(c => c.MaxPoints ?? 0) != 100)
            {
                problems.Add($"Biểu mẫu {form.FormCode}: tổng điểm tối đa các tiêu chí phải là 100.");
            }

            if (form.Bands.Count == 0)
            {
                problems.Add($"Biểu mẫu {form.FormCode}: chưa có ngưỡng xếp loại nào.");
            }
        }

        return problems;
    }

    /// <summary>The most excellent subjects allowed among <paramref name="excellent"/> + <paramref name="good"/> chosen.</summary>
    public int MaxExcellent(int excellent, int good)
    {
        var baseCount = excellent + good;
        var exact = baseCount * Quota.Percent / 100m;
        return Quota.Rounding switch
        {
            QuotaRounding.Down => (int)Math.Floor(exact),
            QuotaRounding.Nearest => (int)Math.Round(exact, MidpointRounding.AwayFromZero),
            _ => (int)Math.Ceiling(exact),
        };
    }

    /// <summary>The best level the facts allow, with the reasons (caps that apply to this subject type).</summary>
    public (RatingLevel Best, List<string> Reasons) Cap(SubjectType subject, IReadOnlySet<CapFact> facts)
    {
        var best = RatingLevel.Excellent;
        var reasons = new List<string>();
        foreach (var rule in Caps.Where(c => facts.Contains(c.Fact) && (c.Subjects.Count == 0 || c.Subjects.Contains(subject))))
        {
            if (rule.Best > best)
            {
                best = rule.Best;
            }

            reasons.Add(rule.Text);
        }

        return (best, reasons);
    }
}

public sealed record QuotaRule
{
    /// <summary>The most excellent subjects, as a percentage of the base (default 20).</summary>
    public decimal Percent { get; init; } = 20;
    public QuotaRounding Rounding { get; init; } = QuotaRounding.Up;
    public OverQuotaPolicy OverQuota { get; init; } = OverQuotaPolicy.Refuse;
}

/// <summary>When <see cref="Fact"/> holds for a subject of one of <see cref="Subjects"/> (all when empty), its level can be at best <see cref="Best"/>.</summary>
public sealed record CapRule(CapFact Fact, RatingLevel Best, string Text, List<SubjectType> Subjects);

/// <summary>The self-assessment form of a subject type: its criteria and the bands that suggest a level.</summary>
public sealed record SubjectForm
{
    public SubjectType Subject { get; init; }
    public MemberKind MemberKind { get; init; }
    /// <summary>"Mẫu 01", "Mẫu 2A"...</summary>
    public required string FormCode { get; init; }
    public required string Title { get; init; }
    public List<Criterion> Criteria { get; init; } = [];
    /// <summary>Best level first; the first band whose conditions all hold gives the suggested level.</summary>
    public List<Band> Bands { get; init; } = [];
}

public sealed record Criterion(string Code, string Title, int? MaxPoints = null);

/// <summary>
/// Conditions for a level. Grades: no criterion worse than <see cref="WorstGrade"/>, and at least
/// <see cref="MinShare"/> (0–1) of the criteria at <see cref="ShareGrade"/> or better. Points: a total of at least
/// <see cref="MinPoints"/>, and (366-QĐ/TW's excellent) tasks on time and exceeded at least the given percentages.
/// </summary>
public sealed record Band(RatingLevel Level)
{
    public Grade? WorstGrade { get; init; }
    public Grade? ShareGrade { get; init; }
    public decimal? MinShare { get; init; }
    public decimal? MinPoints { get; init; }
    public decimal? MinOnTimePercent { get; init; }
    public decimal? MinExceedingPercent { get; init; }
}

/// <summary>The answers of a self-assessment as the rule set reads them.</summary>
public sealed record Answers(IReadOnlyDictionary<string, string> Criteria, decimal? OnTimePercent = null, decimal? ExceedingPercent = null);
