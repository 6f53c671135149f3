using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>Serial numbers of certificates: consecutive per issuer, year and series, taken as one block in the issuing transaction.</summary>
internal static class CertificateSerials
{
    /// <summary>Reserves <paramref name="count"/> consecutive serials; returns the first. A guarded update: a concurrent issuer makes this one retry.</summary>
    public static async Task<int> TakeAsync(AppDbContext db, Guid issuer, int year, string series, int count, CancellationToken ct)
    {
        var last = await db.CertificateCounters.Where(c => c.IssuerUnitId == issuer && c.Year == year && c.SerialKind == series)
            .Select(c => (int?)c.Last).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            db.CertificateCounters.Add(new CertificateCounter { IssuerUnitId = issuer, Year = year, SerialKind = series, Last = count });
            await db.SaveChangesAsync(ct);
            return 1;
        }

        var updated = await db.CertificateCounters.Where(c => c.IssuerUnitId == issuer && c.Year == year && c.SerialKind == series && c.Last == last)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Last, last.Value + count), ct);
        if (updated == 0)
        {
            throw new Engine.Ports.ConcurrencyException("Số giấy khen vừa được cấp ở nơi khác; thử lại.");
        }

        return last.Value + 1;
    }
}
