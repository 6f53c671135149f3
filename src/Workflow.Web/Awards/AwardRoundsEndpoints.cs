using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Templates;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

public sealed record ProposalCommand(int Version, List<ProposalChoice>? Choices, bool Submit);

public sealed record SelectionCommand(int Version, List<SelectionChange>? Changes);

public sealed record OpenTitleRoundRequest(Guid UnitId, int Year);

public sealed record TitleChangesRequest(int Version, List<TitleChange>? Changes);

/// <summary>
/// The awards API beyond certificates: award kinds (read by everyone signed in, changed by Admin as new versions),
/// award rounds (open, nominate, propose, select, decide, statistics), proposals to the province (examine, decide),
/// award decisions and every subject's achievement record. Data follows the caller's subtree; each command checks its
/// own rights and the workflow step.
/// </summary>
public static class AwardRoundsEndpoints
{
    public static void MapAwardRounds(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Khen thưởng");

        api.MapGet("/award-kinds", async (AppDbContext db, CancellationToken ct) => (await AwardKinds.InForceAsync(db, ct)).Select(KindDto));
        api.MapGet("/award-kinds/{code}/versions", async (AppDbContext db, string code, CancellationToken ct) =>
        {
            var upper = code.ToUpperInvariant();
            var versions = await db.AwardRules.AsNoTracking().Where(k => k.Code == upper).OrderByDescending(k => k.Version).ToListAsync(ct);
            return versions.Count == 0 ? throw DomainException.NotFound("loại khen thưởng") : versions.Select(KindDto);
        });
        var admin = api.MapGroup("/admin/award-kinds").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPost("", async (SaveAwardKind save, HttpContext http, AwardKindRequest body, CancellationToken ct) =>
        {
            var kind = await save.RunAsync(null, body, Actor.From(http.User), ct);
            return Results.Created($"/api/award-kinds/{kind.Code}/versions", KindDto(kind));
        });
        admin.MapPut("/{code}", async (SaveAwardKind save, HttpContext http, string code, AwardKindRequest body, CancellationToken ct) =>
            KindDto(await save.RunAsync(code, body, Actor.From(http.User), ct)));

        api.MapGet("/award-rounds", async (AppDbContext db, int? year, CancellationToken ct) =>
            (await db.AwardRounds.AsNoTracking().Where(r => year == null || r.Year == year).OrderByDescending(r => r.Year).ThenBy(r => r.IssuerName)
                .Take(200).ToListAsync(ct)).Select(RoundDto));
        api.MapPost("/award-rounds", async (OpenAwardRound open, HttpContext http, OpenAwardRoundRequest body, CancellationToken ct) =>
        {
            var round = await open.RunAsync(body, Actor.From(http.User), ct);
            return Results.Created($"/api/award-rounds/{round.Id}", RoundDto(round));
        });
        api.MapGet("/award-rounds/{id:guid}", async (AwardRoundQueries queries, Guid id, CancellationToken ct) => ViewDto(await queries.ViewAsync(id, ct)));
        api.MapGet("/award-rounds/{id:guid}/statistics", async (AwardRoundQueries queries, Guid id, CancellationToken ct) =>
        {
            var view = await queries.ViewAsync(id, ct);
            return new
            {
                year = view.Round.Year,
                kinds = view.Groups.GroupBy(g => g.Kind.Code).Select(k => new
                {
                    code = k.Key, name = k.First().Kind.Name,
                    candidates = new { collectives = k.Where(g => !g.Individuals).Sum(g => g.Candidates), individuals = k.Where(g => g.Individuals).Sum(g => g.Candidates) },
                    proposed = new { collectives = k.Where(g => !g.Individuals).Sum(g => g.Proposed), individuals = k.Where(g => g.Individuals).Sum(g => g.Proposed) },
                    selected = new { collectives = k.Where(g => !g.Individuals).Sum(g => g.Selected), individuals = k.Where(g => g.Individuals).Sum(g => g.Selected) },
                    granted = new { collectives = k.Where(g => !g.Individuals).Sum(g => g.Granted), individuals = k.Where(g => g.Individuals).Sum(g => g.Granted) },
                }),
                sentences = view.Sentences,
                proposalSentence = view.ProposalSentence,
            };
        });
        api.MapGet("/award-rounds/{id:guid}/candidates", async (AwardRoundQueries queries, AppDbContext db, Guid id, string? kind, string? group, int? skip, int? take, CancellationToken ct) =>
        {
            var view = await queries.ViewAsync(id, ct);
            var individuals = string.Equals(group, "individuals", StringComparison.OrdinalIgnoreCase);
            var k = view.Groups.FirstOrDefault(g => string.Equals(g.Kind.Code, kind, StringComparison.OrdinalIgnoreCase))?.Kind ?? throw DomainException.NotFound("loại khen thưởng");
            var rows = await queries.CandidatesAsync(id, k.Id, individuals, Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 100, 1, 500), ct);
            return new { total = await queries.CandidateCountAsync(id, k.Id, individuals, ct), items = rows.Select(CandidateDto) };
        });
        api.MapPost("/award-rounds/{id:guid}/nominations", async (NominateCandidate nominate, HttpContext http, Guid id, NominationRequest body, CancellationToken ct) =>
            CandidateDto(await nominate.RunAsync(id, body, Actor.From(http.User), ct)));
        api.MapPost("/award-rounds/{id:guid}/proposal", async (ProposeAwards propose, HttpContext http, Guid id, ProposalCommand body, CancellationToken ct) =>
            RoundDto(await propose.RunAsync(id, new ProposeAwardsRequest(body.Version, body.Choices, body.Submit), Actor.From(http.User), ct)));
        api.MapPut("/award-rounds/{id:guid}/selection", async (SaveAwardSelection save, HttpContext http, Guid id, SelectionCommand body, CancellationToken ct) =>
            RoundDto(await save.RunAsync(id, body.Version, body.Changes, Actor.From(http.User), ct)));
        api.MapPost("/award-rounds/{id:guid}/decision", async (SelectAwards select, HttpContext http, Guid id, SelectAwardsRequest body, CancellationToken ct) =>
            RoundDto(await select.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapGet("/award-proposals", async (AppDbContext db, CancellationToken ct) =>
            (await db.AwardProposals.AsNoTracking().OrderByDescending(p => p.CreatedAtUtc).Take(200).ToListAsync(ct)).Select(ProposalDto));
        api.MapGet("/award-proposals/{id:guid}", async (AppDbContext db, AchievementRecord records, Guid id, CancellationToken ct) =>
        {
            var proposal = await db.AwardProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw DomainException.NotFound("đề nghị khen thưởng");
            var lines = await AwardProposals.Lines(db, proposal).OrderBy(c => c.SubjectType).ThenBy(c => c.SubjectName).ToListAsync(ct);
            var dossier = new List<object>();
            foreach (var line in lines)
            {
                var record = await records.ReadAsync(line.SubjectType, line.SubjectId, ct);
                dossier.Add(new { line = CandidateDto(line), ratings = record.Ratings, awards = record.Awards });
            }

            return new { proposal = ProposalDto(proposal), lines = dossier };
        });
        api.MapPost("/award-proposals/{id:guid}/examination", async (ExamineProposal examine, HttpContext http, Guid id, ExamineProposalRequest body, CancellationToken ct) =>
            ProposalDto(await examine.RunAsync(id, body, Actor.From(http.User), ct)));
        api.MapPost("/award-proposals/{id:guid}/decision", async (DecideProposal decide, HttpContext http, Guid id, DecideProposalRequest body, CancellationToken ct) =>
            ProposalDto(await decide.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapGet("/award-decisions/{id:guid}/list.xlsx", async (AppDbContext db, Guid id, CancellationToken ct) =>
        {
            var decision = await db.AwardDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (decision is null || !(await db.AwardRounds.AnyAsync(r => r.Id == decision.RoundId, ct) || await db.AwardProposals.AnyAsync(p => p.Id == decision.RoundId, ct)))
            {
                throw DomainException.NotFound("quyết định khen thưởng");
            }

            var lines = await (
                from g in db.AwardGrants.AsNoTracking()
                join k in db.AwardRules.AsNoTracking() on g.AwardRuleId equals k.Id
                where g.AwardDecisionId == id
                orderby k.SortOrder, g.Order
                select new { k.Name, g.SubjectName, g.SubjectType, g.UnitName, g.Reason }).ToListAsync(ct);
            var sheet = new Sheet("Danh sách kèm theo",
                [new("order", "STT", 6), new("kind", "Hình thức khen thưởng", 40), new("name", "Tên tập thể, cá nhân", 40), new("group", "Tập thể / cá nhân", 14), new("unit", "Đơn vị", 36), new("reason", "Thành tích", 60)],
                lines.Select((l, i) => new object?[] { i + 1, l.Name, l.SubjectName, AwardText.Group(l.SubjectType == SubjectType.Member), l.SubjectType == SubjectType.Member ? l.UnitName : null, l.Reason }));
            return await Spreadsheets.FileAsync([sheet], $"Danh sách kèm theo Quyết định {decision.Number}", ct);
        });

        api.MapGet("/award-decisions/{id:guid}", async (AppDbContext db, AwardDecisionDocuments documents, Guid id, CancellationToken ct) =>
        {
            var (decision, _) = await documents.RenderAsync(id, ct);
            var readable = CertificateQueries.ReadableLines(db);
            var grants = await db.AwardGrants.AsNoTracking().Where(g => g.AwardDecisionId == id).OrderBy(g => g.Order).ToListAsync(ct);
            var certificates = await db.Certificates.AsNoTracking().Where(c => c.DecisionId == id && readable.Contains(c.FileId)).ToDictionaryAsync(c => c.FileId, ct);
            return new
            {
                decision.Id, decision.Number, decision.DecidedOn, decision.SignerName, decision.SignerTitle, issued = decision.CertificatesIssuedAtUtc is not null,
                items = grants.Select(g => new
                {
                    g.Id, g.Order, g.SubjectType, g.SubjectId, g.SubjectName, g.UnitName, g.Reason,
                    certificate = certificates.GetValueOrDefault(g.Id) is { } c ? new { c.Id, c.Number, c.Status, c.Code, c.RevokedReason } : null,
                }),
            };
        });

        api.MapGet("/title-rounds", async (AppDbContext db, int? year, CancellationToken ct) =>
            (await db.TitleRounds.AsNoTracking().Where(r => year == null || r.Year == year).OrderByDescending(r => r.Year).ThenBy(r => r.UnitName).Take(200).ToListAsync(ct))
                .Select(TitleRoundDto));
        api.MapPost("/title-rounds", async (TitleRounds titles, HttpContext http, OpenTitleRoundRequest body, CancellationToken ct) =>
        {
            var round = await titles.OpenAsync(body.UnitId, body.Year, Actor.From(http.User), ct);
            return Results.Created($"/api/title-rounds/{round.Id}", TitleRoundDto(round));
        });
        api.MapGet("/title-rounds/{id:guid}", async (TitleRounds titles, Guid id, CancellationToken ct) =>
        {
            var view = await titles.ViewAsync(id, ct);
            return new { round = TitleRoundDto(view.Round), counts = view.Counts, problems = view.Problems, sentence = view.Sentence };
        });
        api.MapGet("/title-rounds/{id:guid}/lines", async (AppDbContext db, Guid id, EmulationTitle? title, int? skip, int? take, CancellationToken ct) =>
        {
            _ = await db.TitleRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("danh sách danh hiệu thi đua");
            var query = db.TitleLines.AsNoTracking().Where(l => l.RoundId == id && (title == null || l.Title == title));
            return new
            {
                total = await query.CountAsync(ct),
                items = await query.OrderBy(l => l.Title).ThenBy(l => l.UnitPath).ThenBy(l => l.SubjectName).Skip(Math.Max(skip ?? 0, 0)).Take(Math.Clamp(take ?? 100, 1, 500))
                    .Select(l => new { l.Id, l.Title, l.SubjectType, l.SubjectId, l.SubjectName, l.UnitId, l.Granted }).ToListAsync(ct),
            };
        });
        api.MapPut("/title-rounds/{id:guid}/lines", async (TitleRounds titles, HttpContext http, Guid id, TitleChangesRequest body, CancellationToken ct) =>
            TitleRoundDto(await titles.ChangeAsync(id, body.Version, body.Changes, Actor.From(http.User), ct)));
        api.MapPost("/title-rounds/{id:guid}/decision", async (TitleRounds titles, HttpContext http, Guid id, DecideTitlesRequest body, CancellationToken ct) =>
            TitleRoundDto(await titles.DecideAsync(id, body, Actor.From(http.User), ct)));

        api.MapGet("/records/{type}/{id:guid}", async (AchievementRecord records, SubjectType type, Guid id, CancellationToken ct) => await records.ReadAsync(type, id, ct));
    }

    private static object TitleRoundDto(TitleRound r) => new
    {
        r.Id, r.UnitId, r.UnitName, r.Year, r.Decided, r.Number, r.DecidedOn, r.SignerName, r.SignerTitle, r.Version,
    };

    private static object KindDto(AwardRule k) => new
    {
        k.Id, k.Code, k.Version, k.IsCurrent, k.Name, k.Title, k.SerialKind, k.Issuer, k.Eligibility, level = RatingText.Code(k.Level), k.Years, k.HeldCode, k.HeldTitle,
        subjectTypes = k.Types, k.LimitCount, k.LimitPercent, k.WithRatingDecision, k.Reason, k.Active, k.SortOrder, k.CreatedAtUtc, k.CreatedBy,
    };

    private static object RoundDto(AwardRound r) => new { r.Id, r.IssuerUnitId, r.IssuerName, r.Year, r.Status, r.ReturnReason, r.DecisionId, r.Version, r.InstanceId };

    private static object CandidateDto(AwardCandidate c) => new
    {
        c.Id, c.AwardRuleId, c.SubjectType, c.SubjectId, c.SubjectName, c.UnitId, c.UnitName, c.Source, achievement = c.Basis, c.NominatedBy, c.Proposed,
        c.ProposalReason, c.Selected,
    };

    private static object ProposalDto(AwardProposal p) => new
    {
        p.Id, p.FromRoundId, p.FromUnitId, p.FromUnitName, p.FromDecisionId, p.FromDecisionNumber, p.ToUnitId, p.ToUnitName, p.Year, p.Status, p.ReturnReason,
        p.AwardDecisionId, p.Version,
    };

    private static object ViewDto(AwardRoundView v) => new
    {
        round = RoundDto(v.Round),
        openStep = v.OpenStep,
        groups = v.Groups.Select(g => new
        {
            kind = g.Kind.Code, kindName = g.Kind.Name, g.Kind.Eligibility, g.Kind.Issuer, group = g.Individuals ? "individuals" : "collectives", g.Candidates,
            g.Proposed, g.Selected, g.Granted, g.Max, g.Over,
        }),
        decision = v.Decision is { } d ? new { d.Id, d.Number, d.DecidedOn, issued = d.CertificatesIssuedAtUtc is not null } : null,
        proposal = v.Proposal is { } p ? ProposalDto(p) : null,
        sentences = v.Sentences,
        proposalSentence = v.ProposalSentence,
    };
}
