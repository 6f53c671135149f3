using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Awards;

/// <summary>
/// The Quyết định khen thưởng: its model (issuer, number, date line, one list per award kind, the sentence, the
/// proposal to the level above) rendered by the admin-editable "award-decision" template into the line markup, then to
/// a printable page or a .docx. Readable by whoever can see its round or proposal.
/// </summary>
public sealed class AwardDecisionDocuments(AppDbContext db, DocumentRenderer renderer, IConfiguration configuration)
{
    public async Task<(AwardDecision Decision, List<DocumentMarkup.Block> Blocks)> RenderAsync(Guid decisionId, CancellationToken ct)
    {
        var decision = await db.AwardDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, ct) ?? throw DomainException.NotFound("quyết định khen thưởng");
        var round = await db.AwardRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == decision.RoundId, ct);
        var answered = round is null ? await db.AwardProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == decision.RoundId, ct) : null;
        if (round is null && answered is null)
        {
            throw DomainException.NotFound("quyết định khen thưởng");
        }

        var issuer = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == decision.IssuerUnitId, ct);
        var parent = issuer.ParentId is { } p ? await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == p, ct) : null;
        var lines = await (
            from g in db.AwardGrants.IgnoreQueryFilters().AsNoTracking()
            join k in db.AwardRules.AsNoTracking() on g.AwardRuleId equals k.Id
            where g.AwardDecisionId == decisionId
            orderby g.Order
            select new { g.Order, g.SubjectName, g.UnitName, g.SubjectType, g.Reason, Kind = k }).ToListAsync(ct);
        var groups = lines.GroupBy(l => l.Kind.Id).Select(g => g.ToList()).ToList();
        var titles = groups.GroupBy(g => g[0].Kind.Title).Select(t => $"Tặng {Certificate.NameOf(t.Key)} cho " + AwardSentences.Clauses(t.Select(g => new AwardTally(
            g[0].Reason, g.Count(l => l.SubjectType != SubjectType.Member), g.Count(l => l.SubjectType == SubjectType.Member)))));
        var proposal = "";
        if (round is not null && await db.AwardProposals.AsNoTracking().FirstOrDefaultAsync(x => x.FromRoundId == round.Id, ct) is { } up)
        {
            var upLines = await AwardProposals.Lines(db, up).Select(c => c.SubjectType).ToListAsync(ct);
            proposal = AwardSentences.Proposal(up.ToUnitName, "Bằng khen", upLines.Count(t => t != SubjectType.Member), upLines.Count(t => t == SubjectType.Member));
        }

        var model = new ScriptObject
        {
            ["issuer"] = issuer.Name,
            ["issuer_parent"] = parent?.Name ?? "",
            ["number"] = decision.Number,
            ["date_line"] = DecisionDocument.DateLine(DecisionDocuments.PlaceOf(issuer.Name, configuration), decision.DecidedOn),
            ["year"] = round?.Year ?? answered!.Year,
            ["proposer"] = round is not null ? $"Ban Tổ chức {issuer.Name}" : $"{answered!.FromUnitName} (Quyết định số {answered.FromDecisionNumber}) và Ban Tổ chức {issuer.Name}",
            ["sentence"] = string.Join("; ", titles),
            ["proposal"] = proposal,
            ["last_article"] = proposal.Length > 0 ? 3 : 2,
            ["signer_title"] = decision.SignerTitle,
            ["signer_name"] = decision.SignerName,
            ["groups"] = groups.Select((g, i) => new ScriptObject
            {
                ["order"] = i + 1,
                ["name"] = DocumentMarkup.Cell(g[0].Kind.Name),
                ["counts"] = AwardSentences.Counts(g.Count(l => l.SubjectType != SubjectType.Member), g.Count(l => l.SubjectType == SubjectType.Member)),
                ["individuals"] = g.Any(l => l.SubjectType == SubjectType.Member),
                ["items"] = g.Select((l, n) => new ScriptObject
                {
                    ["order"] = n + 1, ["name"] = DocumentMarkup.Cell(l.SubjectName), ["unit"] = DocumentMarkup.Cell(l.SubjectType == SubjectType.Member ? l.UnitName : ""), ["reason"] = DocumentMarkup.Cell(l.Reason),
                }).ToList(),
            }).ToList(),
        };
        foreach (var key in model.Keys.ToList())
        {
            if (model[key] is string s)
            {
                model[key] = DocumentMarkup.Cell(s);
            }
        }

        var text = DocumentRenderer.Render(await renderer.TemplateTextAsync(DefaultTemplates.AwardDecision, ct), model);
        return (decision, DocumentMarkup.Parse(text));
    }


    /// <summary>A model with every field, for the template editor's preview and the check before saving.</summary>
    public static ScriptObject SampleModel() => new()
    {
        ["issuer"] = "Đảng ủy Các cơ quan tỉnh",
        ["issuer_parent"] = "Tỉnh ủy Hải Dương",
        ["number"] = "12-QĐ/ĐU",
        ["date_line"] = "Hải Dương, ngày 20 tháng 01 năm 2023",
        ["year"] = 2022,
        ["proposer"] = "Ban Tổ chức Đảng ủy Các cơ quan tỉnh",
        ["sentence"] = "Tặng Giấy khen cho 6 cá nhân đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022; 10 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm 2022",
        ["proposal"] = "Đề nghị Tỉnh ủy xét, tặng Bằng khen cho 1 tập thể và 1 cá nhân.",
        ["last_article"] = 3,
        ["signer_title"] = "Bí thư",
        ["signer_name"] = "Nguyễn Văn An",
        ["groups"] = new List<ScriptObject>
        {
            new()
            {
                ["order"] = 1, ["name"] = "Giấy khen hoàn thành xuất sắc nhiệm vụ 5 năm liền", ["counts"] = "1 cá nhân", ["individuals"] = true,
                ["items"] = new List<ScriptObject> { new() { ["order"] = 1, ["name"] = "Trần Thị Bình", ["unit"] = "Chi bộ Văn phòng", ["reason"] = "Đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022" } },
            },
        },
    };
}
