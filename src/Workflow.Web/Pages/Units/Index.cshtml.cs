using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Org;

namespace Workflow.Web.Pages.Units;

/// <summary>The organization tree the caller may see (the scope filter decides which part), with search.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Setup.IdentitySetup.ReviewerPolicy)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "closed")]
    public bool ShowClosed { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public List<Node> Roots { get; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Units.AsNoTracking();
        if (!ShowClosed)
        {
            query = query.Where(u => u.ValidTo == null);
        }

        var units = await query.OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).ThenBy(u => u.Name).ToListAsync();
        var counts = await db.Members.Where(m => m.LeftOn == null)
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);

        var nodes = units.ToDictionary(u => u.Id, u => new Node(u));
        foreach (var node in nodes.Values)
        {
            node.MemberCount = counts.GetValueOrDefault(node.Unit.Id);
            if (node.Unit.ParentId is { } parentId && nodes.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(node);
            }
            else
            {
                Roots.Add(node);
            }
        }

        foreach (var root in Roots)
        {
            root.SumMembers();
        }

        var folded = TextFolding.Fold(Query);
        if (folded.Length > 0)
        {
            Roots.RemoveAll(r => !r.Prune(folded));
        }
    }

    public sealed class Node(Unit unit)
    {
        public Unit Unit { get; } = unit;
        public List<Node> Children { get; } = [];
        public int MemberCount { get; set; }

        public int SumMembers()
        {
            foreach (var child in Children)
            {
                MemberCount += child.SumMembers();
            }

            return MemberCount;
        }

        /// <summary>Keeps the nodes that match or have a matching descendant; returns whether this one stays.</summary>
        public bool Prune(string folded)
        {
            Children.RemoveAll(c => !c.Prune(folded));
            return Children.Count > 0 || Unit.SearchName.Contains(folded, StringComparison.Ordinal);
        }
    }
}
