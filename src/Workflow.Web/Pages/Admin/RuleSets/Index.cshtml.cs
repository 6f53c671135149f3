using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;

namespace Workflow.Web.Pages.Admin.RuleSets;

/// <summary>
/// Rule sets as data: every version with the rounds using it; a new version is saved from an edited copy of the JSON
/// (validated), never by editing a version in place, so a round keeps the rules it was opened with.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(RuleSet Set, int Rounds)> Versions { get; private set; } = [];
    public RuleSet? Selected { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public int FromYear { get; set; }
    [BindProperty] public int? ToYear { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Selected is not null)
        {
            Definition = Selected.Parse().ToJson();
            FromYear = Selected.FromYear;
            ToYear = Selected.ToYear;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var sets = await db.RuleSets.AsNoTracking().OrderBy(r => r.Code).ThenByDescending(r => r.Version).ToListAsync(ct);
        var used = await db.Rounds.IgnoreQueryFilters().GroupBy(r => r.RuleSetId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Versions = sets.Select(s => (s, used.GetValueOrDefault(s.Id))).ToList();
        Selected = sets.FirstOrDefault(s => s.Id == Id) ?? sets.FirstOrDefault();
        Id = Selected?.Id;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Selected is null)
        {
            return NotFound();
        }

        RuleSetDefinition definition;
        try
        {
            definition = RuleSetDefinition.FromJson(Definition ?? "");
        }
        catch (JsonException ex)
        {
            Problems = [$"JSON không hợp lệ (dòng {ex.LineNumber + 1}, vị trí {ex.BytePositionInLine + 1}): {ex.Message}"];
            return Page();
        }

        var problems = definition.Validate();
        if (FromYear is < 2000 or > 2100 || ToYear < FromYear)
        {
            problems.Add("Năm áp dụng không hợp lệ (từ năm phải từ 2000 đến 2100, đến năm không trước từ năm).");
        }

        if (problems.Count > 0)
        {
            Problems = problems;
            Response.StatusCode = 400;
            return Page();
        }

        var version = await db.RuleSets.Where(r => r.Code == Selected.Code).MaxAsync(r => r.Version, ct) + 1;
        var created = new RuleSet
        {
            Code = Selected.Code, Name = Selected.Name, Version = version, FromYear = FromYear, ToYear = ToYear, Definition = definition.ToJson(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity?.Name,
        };
        db.RuleSets.Add(created);
        await db.SaveChangesAsync(ct);
        this.Flash($"Đã lưu {created.Code} phiên bản {version}. Các đợt đã mở vẫn dùng phiên bản cũ.");
        return Redirect($"/Admin/RuleSets?id={created.Id}");
    }
}
