using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Templates;

namespace Workflow.Web.Ratings;

/// <summary>
/// The product's own JSON API for rounds, files, reviews and decisions (/api), used by the pages and the tests.
/// Cookie authentication; changes need the antiforgery token in the RequestVerificationToken header; data access
/// follows the caller's subtree (the query filters) and each command's own role checks.
/// </summary>
public static class RatingsEndpoints
{
    public const string OpenApiDocument = "api";

    public static void MapRatings(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Xếp loại");

        api.MapGet("/rule-sets", async (AppDbContext db, CancellationToken ct) =>
            (await db.RuleSets.AsNoTracking().OrderBy(r => r.FromYear).ThenBy(r => r.Version).ToListAsync(ct))
                .Select(r => new { r.Id, r.Code, r.Name, r.Version, r.FromYear, r.ToYear }));

        api.MapPost("/rounds", async (OpenRound open, HttpContext http, OpenRoundRequest body, CancellationToken ct) =>
        {
            var round = await open.RunAsync(body, Actor.From(http.User), ct);
            return Results.Accepted($"/api/rounds/{round.Id}", RoundDto(round));
        });

        api.MapGet("/rounds", async (AppDbContext db, CancellationToken ct) =>
            (await db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.CreatedAtUtc).Take(200).ToListAsync(ct)).Select(RoundDto));

        api.MapGet("/rounds/{id:guid}", async (AppDbContext db, Guid id, CancellationToken ct) =>
            RoundDto(await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("đợt đánh giá")));

        api.MapGet("/rounds/{id:guid}/files", async (AppDbContext db, Guid id, SubjectType? type, Guid? decidingUnitId, FileStatus? status, string? q,
            Guid? after, int? take, CancellationToken ct) =>
        {
            await RequireRoundAsync(db, id, ct);
            var query = FilesOf(db, id, type, decidingUnitId, status, q);

            // Keyset paging on the time-ordered id: no OFFSET scan on large rounds.
            query = after is { } a ? query.Where(f => f.Id.CompareTo(a) > 0) : query;
            var rows = await query.OrderBy(f => f.Id).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync(ct);
            return rows.Select(FileDto);
        });

        api.MapGet("/files/{id:guid}", async (ReadFile read, HttpContext http, Guid id, CancellationToken ct) =>
        {
            var view = await read.RunAsync(id, Actor.From(http.User), ct);
            return Results.Ok(new
            {
                file = FileDto(view.File),
                round = RoundDto(view.Round),
                form = view.Form,
                scoring = view.Rules.Scoring.ToString(),
                content = view.Content,
                capReasons = view.CapReasons,
                openTasks = view.OpenTasks.Select(t => new { t.Id, t.ElementId, t.Name, t.FormKey, t.Assignee, dueAt = t.DueAtUtc }),
                myTasks = view.MyTasks.Select(t => new { t.Id, t.ElementId, t.Name, t.FormKey }),
                timeline = view.Timeline.Select(e => new { e.AtUtc, e.Actor, e.ActorName, kind = e.Kind.ToString(), level = Code(e.Level), e.Text }),
            });
        });

        api.MapPut("/files/{id:guid}/self-assessment", async (SaveSelfAssessment save, HttpContext http, Guid id, SaveRequest body, CancellationToken ct) =>
            FileDto(await save.RunAsync(id, body.Content ?? new SelfAssessment(), submit: false, body.Version, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/submit", async (SaveSelfAssessment save, HttpContext http, Guid id, SaveRequest body, CancellationToken ct) =>
            FileDto(await save.RunAsync(id, body.Content ?? new SelfAssessment(), submit: true, body.Version, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/evidence", async (EvidenceStore store, HttpContext http, Guid id, IFormFile? file, CancellationToken ct) =>
        {
            if (file is null)
            {
                throw DomainException.Invalid("Chưa chọn tệp minh chứng (trường \"file\").", [new("file", "Chưa chọn tệp.")]);
            }

            await using var stream = file.OpenReadStream();
            var evidence = await store.AddAsync(id, file.FileName, stream, file.Length, Actor.From(http.User), ct);
            return Results.Created($"/Files/{id}?handler=Evidence&evidenceId={evidence.Id}",
                new { evidence.Id, evidence.FileName, evidence.ContentType, evidence.Size, evidence.Sha256 });
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(11 * 1024 * 1024));

        api.MapDelete("/files/{id:guid}/evidence/{evidenceId:guid}", async (EvidenceStore store, HttpContext http, Guid id, Guid evidenceId, CancellationToken ct) =>
        {
            await store.RemoveAsync(id, evidenceId, Actor.From(http.User), ct);
            return Results.NoContent();
        });

        api.MapPost("/files/{id:guid}/review", async (ReviewFile review, HttpContext http, Guid id, ReviewRequest body, CancellationToken ct) =>
            FileDto(await review.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/inspection", async (GiveInspectionOpinion inspect, HttpContext http, Guid id, InspectionRequest body, CancellationToken ct) =>
            FileDto(await inspect.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/tasks/{taskId:guid}/complete", async (CompleteWorkflowStep step, HttpContext http, Guid id, Guid taskId, GenericTaskRequest body, CancellationToken ct) =>
            FileDto(await step.RunAsync(id, taskId, body, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/complaint", async (FileComplaint complaint, HttpContext http, Guid id, ComplaintRequest body, CancellationToken ct) =>
            FileDto(await complaint.RunAsync(id, body.Reason, body.Version, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/reverify", async (ReverifyFile reverify, HttpContext http, Guid id, ReviewRequest body, CancellationToken ct) =>
            FileDto(await reverify.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapPost("/files/{id:guid}/redecide", async (Redecide redecide, HttpContext http, Guid id, RedecideRequest body, CancellationToken ct) =>
            DecisionDto(await redecide.RunAsync(id, body, Actor.From(http.User), ct)));

        api.MapGet("/rounds/{id:guid}/board", async (ReadBoard read, Guid id, Guid decidingUnitId, SubjectType type, CancellationToken ct) =>
        {
            var board = await read.RunAsync(id, decidingUnitId, type, ct);
            return new
            {
                round = RoundDto(board.Round),
                decidingUnit = new { board.DecidingUnit.Id, board.DecidingUnit.Name },
                subjectType = board.SubjectType.ToString(),
                quota = new { percent = board.Rules.Quota.Percent, rounding = board.Rules.Quota.Rounding.ToString(), overQuota = board.Rules.Quota.OverQuota.ToString(), maxExcellentWithProposals = board.MaxExcellentWithProposals },
                unreviewed = board.Unreviewed,
                orderWarnings = board.OrderWarnings,
                decision = board.Decision is { } d ? DecisionDto(d) : null,
                items = board.Items.Select(i => new
                {
                    i.FileId, i.SubjectName, status = i.Status.ToString(), selfLevel = Code(i.SelfLevel), suggestedLevel = Code(i.SuggestedLevel),
                    proposedLevel = Code(i.ProposedLevel), i.ProposalReason, capLevel = Code(i.CapLevel), i.CapReasons, decidedLevel = Code(i.DecidedLevel), i.Version,
                }),
            };
        });

        api.MapPost("/decisions", async (FinalizeGroup finalize, HttpContext http, FinalizeRequest body, CancellationToken ct) =>
        {
            var decision = await finalize.RunAsync(body, Actor.From(http.User), ct);
            return Results.Created($"/api/decisions/{decision.Id}", DecisionDto(decision));
        });

        api.MapGet("/decisions/{id:guid}", async (AppDbContext db, Guid id, CancellationToken ct) =>
        {
            var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw DomainException.NotFound("quyết định");
            var items = await db.DecisionItems.AsNoTracking().Where(i => i.DecisionId == id).OrderBy(i => i.Order)
                .Join(db.Files.AsNoTracking(), i => i.FileId, f => f.Id, (i, f) => new { i.Order, f.SubjectName, i.Level, i.Reason, i.FileId }).ToListAsync(ct);
            return new { decision = DecisionDto(decision), items = items.Select(i => new { i.Order, i.FileId, i.SubjectName, level = Code(i.Level), i.Reason }) };
        });

        api.MapGet("/decisions/{id:guid}/list.xlsx", async (AppDbContext db, Guid id, CancellationToken ct) =>
        {
            var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw DomainException.NotFound("quyết định");
            var items = await db.DecisionItems.AsNoTracking().Where(i => i.DecisionId == id).OrderBy(i => i.Order)
                .Join(db.Files.AsNoTracking(), i => i.FileId, f => f.Id, (i, f) => new { i.Order, f.SubjectName, f.SubjectType, i.Level, i.Reason }).ToListAsync(ct);
            var sheet = new Sheet("Danh sách kèm theo",
                [new("order", "STT", 6), new("name", "Tên tập thể, cá nhân", 44), new("type", "Đối tượng", 24), new("code", "Xếp loại", 10), new("level", "Mức xếp loại", 32), new("note", "Ghi chú", 40)],
                items.Select(i => new object?[] { i.Order, i.SubjectName, RatingText.Name(i.SubjectType), Code(i.Level), i.Level is { } l ? RatingText.Name(l) : null, i.Reason }));
            return await Spreadsheets.FileAsync([sheet], $"Danh sách kèm theo Quyết định {decision.Number}", ct);
        });

        api.MapGet("/rounds/{id:guid}/statistics.xlsx", async (AppDbContext db, RoundStatistics statistics, Guid id, Guid? decidingUnitId, CancellationToken ct) =>
        {
            await RequireRoundAsync(db, id, ct);
            var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            var rows = await statistics.RunAsync(id, decidingUnitId, ct);
            var sheet = new Sheet("Thống kê",
                [new("type", "Đối tượng", 28), new("level", "Mức xếp loại", 34), new("count", "Số lượng", 12), new("percent", "Tỷ lệ (%)", 12, "0.00"), new("sentence", "Câu báo cáo", 100)],
                rows.SelectMany(s => s.Levels.Select((l, i) => new object?[] { RatingText.Name(s.SubjectType), RatingText.Name(l.Level), l.Count, l.Percent, i == 0 ? s.SentenceCapitalized() : null })));
            return await Spreadsheets.FileAsync([sheet], $"Thống kê {round.Name}", ct);
        });

        api.MapGet("/rounds/{id:guid}/files.xlsx", async (AppDbContext db, Guid id, SubjectType? type, Guid? decidingUnitId, FileStatus? status, string? q, CancellationToken ct) =>
        {
            await RequireRoundAsync(db, id, ct);
            var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            var query = FilesOf(db, id, type, decidingUnitId, status, q);

            // Streamed: the rows go from the database reader into the workbook one at a time.
            var rows = query.OrderBy(f => f.SortKey).ThenBy(f => f.Id)
                .Select(f => new { f.SubjectName, f.SubjectType, f.FormCode, f.Status, f.SelfLevel, f.SuggestedLevel, f.ProposedLevel, f.Points })
                .AsEnumerable().Select((f, i) => new object?[]
                {
                    i + 1, f.SubjectName, RatingText.Name(f.SubjectType), f.FormCode, RatingText.Name(f.Status), Code(f.SelfLevel), Code(f.SuggestedLevel), Code(f.ProposedLevel), f.Points,
                });
            var sheet = new Sheet("Hồ sơ",
                [new("order", "STT", 8), new("name", "Tên", 44), new("type", "Đối tượng", 22), new("form", "Mẫu", 8), new("status", "Tình trạng", 26),
                    new("self", "Tự xếp loại", 12), new("suggested", "Gợi ý", 10), new("proposed", "Đề xuất", 10), new("points", "Điểm", 8)],
                rows);
            return await Spreadsheets.FileAsync([sheet], $"Hồ sơ {round.Name}", ct);
        });

        api.MapGet("/rounds/{id:guid}/statistics", async (AppDbContext db, RoundStatistics statistics, Guid id, Guid? decidingUnitId, CancellationToken ct) =>
        {
            await RequireRoundAsync(db, id, ct);
            return (await statistics.RunAsync(id, decidingUnitId, ct)).Select(s => new
            {
                subjectType = s.SubjectType.ToString(),
                s.Total,
                levels = s.Levels.Select(l => new { level = RatingText.Code(l.Level), l.Count, l.Percent }),
                sentence = s.Sentence(),
            });
        });
    }

    private static string? Code(RatingLevel? level) => level is { } l ? RatingText.Code(l) : null;

    /// <summary>A round's files as the list filters them (subject type, deciding unit, status, a name with or without diacritics).</summary>
    private static IQueryable<RatingFile> FilesOf(AppDbContext db, Guid roundId, SubjectType? type, Guid? decidingUnitId, FileStatus? status, string? q)
    {
        var query = db.Files.AsNoTracking().Where(f => f.RoundId == roundId);
        query = type is { } t ? query.Where(f => f.SubjectType == t) : query;
        query = decidingUnitId is { } u ? query.Where(f => f.DecidingUnitId == u) : query;
        query = status is { } s ? query.Where(f => f.Status == s) : query;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var folded = Org.TextFolding.Fold(q);
            query = query.Where(f => f.SearchName.Contains(folded));
        }

        return query;
    }

    /// <summary>A round outside the caller's part of the tree does not exist for them: 404, not an empty list.</summary>
    private static async Task RequireRoundAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        if (!await db.Rounds.AnyAsync(r => r.Id == id, ct))
        {
            throw DomainException.NotFound("đợt đánh giá");
        }
    }

    internal static object RoundDto(RatingRound r) => new
    {
        r.Id, r.Name, r.Year, r.RuleSetId, r.DecidingUnitId, subjectTypes = r.Types.Select(t => t.ToString()), status = r.Status.ToString(),
        r.SubjectCount, r.OpenedCount, r.Error, r.SelfAssessmentDueUtc, r.ReviewDueUtc, r.DecisionDueUtc, r.ComplaintDays,
    };

    internal static object FileDto(RatingFile f) => new
    {
        f.Id, f.RoundId, subjectType = f.SubjectType.ToString(), f.SubjectUnitId, f.MemberId, f.SubjectName, f.DecidingUnitId, f.FormCode,
        status = f.Status.ToString(), selfLevel = Code(f.SelfLevel), suggestedLevel = Code(f.SuggestedLevel), f.Points, proposedLevel = Code(f.ProposedLevel),
        f.ProposalReason, capLevel = Code(f.CapLevel), capFacts = f.Facts.Select(x => x.ToString()), decidedLevel = Code(f.DecidedLevel), f.DecisionReason, f.DecisionId,
        f.InspectionOpinion, f.InstanceId, f.Version,
    };

    internal static object DecisionDto(Decision d) => new
    {
        d.Id, d.RoundId, d.DecidingUnitId, subjectType = d.SubjectType.ToString(), d.Number, d.DecidedOn, d.SignerName, d.SignerTitle,
        d.AmendsDecisionId, d.OverQuotaReason, d.MaxExcellent,
    };
}
