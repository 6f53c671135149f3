using System.Linq.Expressions;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;
namespace Workflow.Web.Inbox;

/// <summary>
/// What the inbox shows: every filter is optional. <see cref="Assigned"/>: "mine", "unassigned" or all;
/// <see cref="Due"/>: "overdue", "today", "week"; <see cref="Sort"/> one of <see cref="InboxQuery.SortKeys"/>;
/// <see cref="After"/> the opaque cursor of the previous page's last row.
/// </summary>
public sealed record InboxFilter
{
    public Guid? Round { get; init; }
    public string? Task { get; init; }
    public Guid? Unit { get; init; }
    public string? Due { get; init; }
    public string? Assigned { get; init; }
    public string? Level { get; init; }
    public string? Q { get; init; }
    public string? Sort { get; init; }
    public bool Desc { get; init; }
    public string? After { get; init; }

    /// <summary>The filter as a query string (without the cursor): what a saved view stores and links carry.</summary>
    public string ToQueryString(bool withSort = true)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("round", Round?.ToString());
        Add("task", Task);
        Add("unit", Unit?.ToString());
        Add("due", Due);
        Add("assigned", Assigned);
        Add("level", Level);
        Add("q", Q);
        if (withSort)
        {
            Add("sort", Sort);
            Add("desc", Desc ? "true" : null);
        }

        return string.Join("&", parts);
    }

    public static InboxFilter Parse(string? query)
    {
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query ?? "");
        string? Get(string name) => q.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        return new InboxFilter
        {
            Round = Guid.TryParse(Get("round"), out var r) ? r : null,
            Task = Get("task"),
            Unit = Guid.TryParse(Get("unit"), out var u) ? u : null,
            Due = Get("due"),
            Assigned = Get("assigned"),
            Level = Get("level"),
            Q = Get("q"),
            Sort = Get("sort"),
            Desc = Get("desc") == "true",
        };
    }

    public bool IsEmpty => ToQueryString(withSort: false).Length == 0;
}

public sealed record InboxPage(int Total, IReadOnlyList<InboxRow> Rows, string? Next, InboxFilter Filter);

/// <summary>
/// The inbox query: the caller's visible tasks (one indexed lookup of their principals in the task audience), joined
/// to the subject's file and round, filtered, sorted on any column and keyset-paged on (sort key, task id): a page
/// never skips over the rows before it, so the hundredth page costs what the first does.
/// </summary>
public sealed class InboxQuery(AppDbContext db, TimeProvider clock, IEnumerable<IInstanceSubjects> subjects)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> SortKeys = ["received", "due", "name", "subject", "round", "level", "assignee"];

    /// <summary>Filtered sets up to this size are read once as an ordered list of ids (see <see cref="PageAsync"/>).</summary>
    public const int IdListLimit = 2000;

    /// <summary>
    /// One page and the total. Without a filter on the file, the total is a count of the visible tasks alone and the
    /// page a keyset query. With one (search, level, round, unit), every row must be joined to its file anyway, so
    /// the matching task ids are read once, in order (up to <see cref="IdListLimit"/>): their number is the total,
    /// the page is the slice after the cursor, fetched by id. Larger sets fall back to count + keyset query.
    /// </summary>
    public async Task<InboxPage> PageAsync(InboxFilter filter, ClaimsPrincipal user, int pageSize = PageSize, CancellationToken ct = default)
    {
        var (rows, tasksOnly) = await FilterAsync(filter, user, ct);
        var sort = SortKeys.Contains(filter.Sort ?? "") ? filter.Sort! : "received";
        var (value, afterId) = DecodeCursor(filter.After);
        if (!ValidCursorValue(sort, value))
        {
            (value, afterId) = (null, null);
        }

        int total;
        if (tasksOnly is not null)
        {
            total = await tasksOnly.CountAsync(ct);
        }
        else
        {
            var ids = await Sorted(rows, sort, filter.Desc, null, null).Select(x => x.TaskId).Take(IdListLimit + 1).ToListAsync(ct);
            total = ids.Count <= IdListLimit ? ids.Count : await rows.CountAsync(ct);
            var start = afterId is { } cursor ? ids.IndexOf(cursor) + 1 : 0;
            if (ids.Count <= IdListLimit && (afterId is null || start > 0))
            {
                var slice = ids.Skip(start).Take(pageSize + 1).ToList();
                var position = slice.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
                var found = await Rows(db.WfTasks.AsNoTracking().Where(t => slice.Contains(t.Id))).ToListAsync(ct);
                await NameAsync(found, ct);
                return Finish(total, found.OrderBy(r => position[r.TaskId]).ToList(), pageSize, sort, filter, more: slice.Count > pageSize);
            }
        }

        var page = await Sorted(rows, sort, filter.Desc, value, afterId).Take(pageSize + 1).ToListAsync(ct);
        await NameAsync(page, ct);
        return Finish(total, page, pageSize, sort, filter, more: page.Count > pageSize);
    }

    /// <summary>Rows of processes without a rating file (an award round, a proposal) take the name their feature gives the instance.</summary>
    private async Task NameAsync(List<InboxRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.FileId is null).Select(r => r.InstanceId).Distinct().ToList();
        if (ids.Count == 0 || InstanceSubjects.All(subjects) is not { } all)
        {
            return;
        }

        var names = (await all.Where(s => ids.Contains(s.InstanceId)).ToListAsync(ct)).GroupBy(s => s.InstanceId).ToDictionary(g => g.Key, g => g.First().Name);
        rows.Where(r => r.FileId is null).ToList().ForEach(r => r.Subject = names.GetValueOrDefault(r.InstanceId) ?? r.Subject);
    }

    private static InboxPage Finish(int total, List<InboxRow> page, int pageSize, string sort, InboxFilter filter, bool more)
    {
        if (page.Count > pageSize)
        {
            page.RemoveRange(pageSize, page.Count - pageSize);
        }

        var next = more && page.Count > 0 ? EncodeCursor(SortValue(page[^1], sort), page[^1].TaskId) : null;
        return new InboxPage(total, page, next, filter);
    }

    public async Task<int> CountAsync(InboxFilter filter, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (rows, tasksOnly) = await FilterAsync(filter, user, ct);
        return tasksOnly is not null ? await tasksOnly.CountAsync(ct) : await rows.CountAsync(ct);
    }

    /// <summary>One visible row by task id (the detail pane, actions): null when the task is gone or not the caller's.</summary>
    public async Task<InboxRow?> FindAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var row = await Rows(TaskAccess.Visible(db.WfTasks.AsNoTracking().Where(t => t.Id == taskId), db.WfTaskAudience, Actor.From(user))).FirstOrDefaultAsync(ct);
        if (row is not null)
        {
            await NameAsync([row], ct);
        }

        return row;
    }

    private IQueryable<InboxRow> Rows(IQueryable<WfTask> tasks) =>
        from t in tasks
        // The audience is the authorization here (a task offered to you shows its subject), so the files' and rounds'
        // subtree filters are not applied to this join: they would also turn each join into a subquery SQLite
        // materializes instead of an indexed lookup.
        join f in db.Files.AsNoTracking().IgnoreQueryFilters() on t.InstanceId equals f.InstanceId into files
        from f in files.DefaultIfEmpty()
        join r in db.Rounds.AsNoTracking().IgnoreQueryFilters() on f.RoundId equals r.Id into rounds
        from r in rounds.DefaultIfEmpty()
        select new InboxRow
        {
            TaskId = t.Id, InstanceId = t.InstanceId, ElementId = t.ElementId, TaskName = t.Name, Assignee = t.Assignee, Owner = t.Owner,
            DelegationState = t.DelegationState, FormKey = t.FormKey, DefinitionId = t.DefinitionId, DefinitionKey = t.DefinitionKey, BusinessKey = t.BusinessKey,
            CreatedAtUtc = t.CreatedAtUtc, DueAtUtc = t.DueAtUtc,
            FileId = (Guid?)f.Id, Subject = f.SubjectName, SearchName = f.SearchName, UnitPath = f.UnitPath, RoundId = (Guid?)f.RoundId,
            RoundName = r.Name, SelfLevel = f.SelfLevel, Suggested = f.SuggestedLevel, Proposed = f.ProposedLevel, FileVersion = (int?)f.Version,
        };

    /// <summary>
    /// The filter's rows, and when it needs nothing of the file (no round, unit, level or search) the same set as
    /// tasks alone: counting those needs no join.
    /// </summary>
    private async Task<(IQueryable<InboxRow> Rows, IQueryable<WfTask>? TasksOnly)> FilterAsync(InboxFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var tasks = TaskAccess.Visible(db.WfTasks.AsNoTracking(), db.WfTaskAudience, Actor.From(user));
        var me = Actor.From(user).UserName;
        tasks = filter.Assigned switch
        {
            "mine" => tasks.Where(t => t.Assignee == me),
            "unassigned" => tasks.Where(t => t.Assignee == null),
            _ => tasks,
        };
        if (!string.IsNullOrWhiteSpace(filter.Task))
        {
            tasks = tasks.Where(t => t.ElementId == filter.Task);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var todayStart = VietnamTime.ToUtc(VietnamTime.ToLocal(now).Date);
        tasks = filter.Due switch
        {
            "overdue" => tasks.Where(t => t.DueAtUtc != null && t.DueAtUtc < now),
            "today" => tasks.Where(t => t.DueAtUtc != null && t.DueAtUtc >= todayStart && t.DueAtUtc < todayStart.AddDays(1)),
            "week" => tasks.Where(t => t.DueAtUtc != null && t.DueAtUtc >= now && t.DueAtUtc < todayStart.AddDays(7)),
            _ => tasks,
        };

        var rows = Rows(tasks);
        var needsFile = filter.Round is not null || filter.Unit is not null || RatingText.ParseLevel(filter.Level) is not null || !string.IsNullOrWhiteSpace(filter.Q);
        if (filter.Round is { } round)
        {
            rows = rows.Where(x => x.RoundId == round);
        }

        if (filter.Unit is { } unit)
        {
            var path = await db.Units.AsNoTracking().Where(u => u.Id == unit).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "/none/";
            rows = rows.Where(x => x.UnitPath != null && x.UnitPath.StartsWith(path));
        }

        if (RatingText.ParseLevel(filter.Level) is { } level)
        {
            rows = rows.Where(x => (x.Proposed ?? x.Suggested) == level);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var folded = TextFolding.Fold(filter.Q);
            rows = rows.Where(x => x.SearchName != null && x.SearchName.Contains(folded));
        }

        return (rows, needsFile ? null : tasks);
    }

    // ---- sorting and keyset paging ---------------------------------------------------------------------------------

    private static readonly DateTime NoDue = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static IQueryable<InboxRow> Sorted(IQueryable<InboxRow> rows, string sort, bool desc, string? after, Guid? afterId) => sort switch
    {
        "due" => Seek(rows, x => x.DueAtUtc ?? NoDue, desc, after is null ? null : DateTime.Parse(after, null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime(), afterId),
        "name" => Seek(rows, x => x.TaskName ?? "", desc, after, afterId),
        "subject" => Seek(rows, x => x.SearchName ?? "", desc, after, afterId),
        "round" => Seek(rows, x => x.RoundName ?? "", desc, after, afterId),
        "level" => Seek(rows, x => (int?)(x.Proposed ?? x.Suggested) ?? 9, desc, after is null ? null : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture), afterId),
        "assignee" => Seek(rows, x => x.Assignee ?? "", desc, after, afterId),
        // Task ids are time-ordered (version 7): the id is the received time.
        _ => SeekId(rows, desc, afterId),
    };

    private static string? SortValue(InboxRow row, string sort) => sort switch
    {
        "due" => (row.DueAtUtc ?? NoDue).ToString("O"),
        "name" => row.TaskName ?? "",
        "subject" => row.SearchName ?? "",
        "round" => row.RoundName ?? "",
        "level" => ((int?)(row.Proposed ?? row.Suggested) ?? 9).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "assignee" => row.Assignee ?? "",
        _ => null,
    };

    private static IQueryable<InboxRow> SeekId(IQueryable<InboxRow> rows, bool desc, Guid? afterId)
    {
        if (afterId is { } id)
        {
            rows = desc ? rows.Where(x => x.TaskId.CompareTo(id) < 0) : rows.Where(x => x.TaskId.CompareTo(id) > 0);
        }

        return desc ? rows.OrderByDescending(x => x.TaskId) : rows.OrderBy(x => x.TaskId);
    }

    /// <summary>
    /// Orders by <paramref name="key"/> then task id, and keeps the rows after the cursor:
    /// key &gt; after OR (key = after AND id &gt; afterId), mirrored when descending.
    /// </summary>
    private static IQueryable<InboxRow> Seek<TKey>(IQueryable<InboxRow> rows, Expression<Func<InboxRow, TKey>> key, bool desc, object? after, Guid? afterId)
    {
        if (after is not null && afterId is { } id)
        {
            var x = key.Parameters[0];
            var value = Expression.Constant(after, typeof(TKey));
            Expression Compare(Expression left, Expression right) => typeof(TKey) == typeof(string)
                ? Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right)
                : Expression.Call(left, typeof(TKey).GetMethod("CompareTo", [typeof(TKey)])!, right);
            var zero = Expression.Constant(0);
            var keyCompare = Compare(key.Body, value);
            var idCompare = Expression.Call(Expression.Property(x, nameof(InboxRow.TaskId)), typeof(Guid).GetMethod("CompareTo", [typeof(Guid)])!,
                Expression.Constant(id));
            var beyond = desc ? Expression.LessThan(keyCompare, zero) : Expression.GreaterThan(keyCompare, zero);
            var tie = Expression.AndAlso(Expression.Equal(keyCompare, zero), desc ? Expression.LessThan(idCompare, zero) : Expression.GreaterThan(idCompare, zero));
            rows = rows.Where(Expression.Lambda<Func<InboxRow, bool>>(Expression.OrElse(beyond, tie), x));
        }

        return desc ? rows.OrderByDescending(key).ThenByDescending(x => x.TaskId) : rows.OrderBy(key).ThenBy(x => x.TaskId);
    }

    private static string EncodeCursor(string? value, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes((value ?? "") + "\n" + id.ToString("N"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A cursor the caller tampered with is treated as "from the start", never as an error page.</summary>
    private static (string? Value, Guid? Id) DecodeCursor(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return (null, null);
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var split = text.LastIndexOf('\n');
            if (split < 0 || !Guid.TryParseExact(text[(split + 1)..], "N", out var id))
            {
                return (null, null);
            }

            var value = text[..split];
            return (value, id);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static bool ValidCursorValue(string sort, string? value) => value is null || sort switch
    {
        "due" => DateTime.TryParse(value, null, System.Globalization.DateTimeStyles.RoundtripKind, out _),
        "level" => int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
        _ => true,
    };
}
