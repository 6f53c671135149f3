using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Templates;

namespace Workflow.Web.Ratings;

/// <summary>
/// The Decision document: the model (issuer, number, place and date line, list, statistics sentence) rendered by the
/// admin-editable "decision" template into the line markup, then to a printable page or a .docx.
/// </summary>
public sealed class DecisionDocuments(AppDbContext db, DocumentRenderer renderer, IConfiguration configuration)
{
    public async Task<(Decision Decision, List<DocumentMarkup.Block> Blocks)> RenderAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct) ?? throw DomainException.NotFound("quyết định");
        // Readers reach the decision through a file or round in their scope; the issuing units' names are public.
        var visible = await db.Rounds.AnyAsync(r => r.Id == decision.RoundId, ct);
        if (!visible)
        {
            throw DomainException.NotFound("quyết định");
        }

        var round = await db.Rounds.AsNoTracking().Include(r => r.RuleSet).FirstAsync(r => r.Id == decision.RoundId, ct);
        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.DecidingUnitId, ct);
        var parent = issuer.ParentId is { } p ? await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == p, ct) : null;
        var items = await db.DecisionItems.AsNoTracking().Where(i => i.DecisionId == decisionId).OrderBy(i => i.Order)
            .Join(db.Files.IgnoreQueryFilters().AsNoTracking(), i => i.FileId, f => f.Id, (i, f) => new { i.Order, f.SubjectName, i.Level, Note = i.ReasonPublished ? i.Reason : null })
            .ToListAsync(ct);
        var amends = decision.AmendsDecisionId is { } a ? await db.Decisions.AsNoTracking().Where(d => d.Id == a).Select(d => d.Number).FirstOrDefaultAsync(ct) : null;
        var statistics = LevelStatistics.Of(decision.SubjectType, items.Count, RatingText.Levels.Select(l => items.Count(i => i.Level == l)).ToArray());

        var model = new ScriptObject
        {
            ["issuer"] = issuer.Name,
            ["issuer_parent"] = parent?.Name ?? "",
            ["number"] = decision.Number,
            ["date_line"] = DecisionDocument.DateLine(PlaceOf(issuer.Name, configuration), decision.DecidedOn),
            ["year"] = round.Year,
            ["subject_plural"] = RatingText.Plural(decision.SubjectType),
            ["rule_set"] = round.RuleSet!.Name,
            ["sentence"] = statistics.Sentence(),
            ["amends"] = amends,
            ["signer_title"] = decision.SignerTitle,
            ["signer_name"] = decision.SignerName,
            ["items"] = items.Select(i => new ScriptObject
            {
                ["order"] = i.Order,
                ["name"] = DocumentMarkup.Cell(i.SubjectName),
                ["level_code"] = RatingText.Code(i.Level),
                ["level_name"] = RatingText.Name(i.Level),
                ["reason"] = DocumentMarkup.Cell(i.Note ?? ""),
            }).ToList(),
        };
        var text = DocumentRenderer.Render(await renderer.TemplateTextAsync(DefaultTemplates.Decision, ct), Sanitize(model));
        return (decision, DocumentMarkup.Parse(text));
    }

    /// <summary>The place in the date line: the district's or city's name for a Huyện ủy/Thành ủy, else the configured province.</summary>
    internal static string PlaceOf(string unitName, IConfiguration configuration)
    {
        foreach (var prefix in new[] { "Huyện ủy ", "Thành ủy ", "Thị ủy ", "Tỉnh ủy " })
        {
            if (unitName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return unitName[prefix.Length..];
            }
        }

        return configuration["Documents:Place"] ?? "Hải Dương";
    }

    /// <summary>Values cannot break the markup: no table separators or line breaks inside a value.</summary>

    private static ScriptObject Sanitize(ScriptObject model)
    {
        foreach (var key in model.Keys.ToList())
        {
            if (model[key] is string s)
            {
                model[key] = DocumentMarkup.Cell(s);
            }
        }

        return model;
    }

    /// <summary>A model with every field, for the template editor's preview and the check before saving.</summary>
    public static ScriptObject SampleModel() => new()
    {
        ["issuer"] = "Huyện ủy Bình Giang",
        ["issuer_parent"] = "Tỉnh ủy Hải Dương",
        ["number"] = "125-QĐ/HU",
        ["date_line"] = "Bình Giang, ngày 10 tháng 01 năm 2023",
        ["year"] = 2022,
        ["subject_plural"] = "tổ chức cơ sở đảng",
        ["rule_set"] = "Quy định 132-QĐ/TW",
        ["sentence"] = "có 7/38 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, đạt tỷ lệ 18,42%; 26/38 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 68,42%; 5/38 tổ chức cơ sở đảng hoàn thành nhiệm vụ, đạt tỷ lệ 13,16%.",
        ["amends"] = null,
        ["signer_title"] = "Bí thư",
        ["signer_name"] = "Nguyễn Văn Bình",
        ["items"] = new List<ScriptObject>
        {
            new() { ["order"] = 1, ["name"] = "Đảng bộ xã Thái Học", ["level_code"] = "HTXSNV", ["level_name"] = "Hoàn thành xuất sắc nhiệm vụ", ["reason"] = "" },
            new() { ["order"] = 2, ["name"] = "Chi bộ Phòng Nội vụ", ["level_code"] = "HTTNV", ["level_name"] = "Hoàn thành tốt nhiệm vụ", ["reason"] = "" },
        },
    };
}
