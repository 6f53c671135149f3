using Workflow.Web.Data;

namespace Workflow.Web.Awards;

/// <summary>
/// Revoking a certificate and annulling a revocation found wrong: the same rights (the issuer's standing committee or
/// an Admin), a required reason, and one register entry each; the register keeps both.
/// </summary>
public sealed class CertificateRevocation(AppDbContext db, TimeProvider clock, CertificateQueries queries)
{
    /// <summary>The longest reason a revocation or its annulment may give.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Revokes a certificate: only the issuer's standing committee (or an Admin) may, with a reason of bounded length;
    /// the revocation is written to the certificate's register and the audit log. A certificate the caller cannot
    /// read is 404, one they can read but did not issue is 403.
    /// </summary>
    public Task RevokeAsync(Guid certificateId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(certificateId, reason, actor, CertificateEventKind.Revoked, ct);

    /// <summary>Annuls a revocation found wrong (same rights, a reason): the certificate is valid again; the register keeps both.</summary>
    public Task AnnulRevocationAsync(Guid certificateId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(certificateId, reason, actor, CertificateEventKind.RevocationAnnulled, ct);

    private async Task ChangeAsync(Guid certificateId, string? reason, Actor actor, CertificateEventKind kind, CancellationToken ct)
    {
        var certificate = await queries.ReadableAsync(certificateId, ct);

        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, certificate.IssuerUnitId))
        {
            throw DomainException.Forbidden($"Chỉ Ban Thường vụ của {certificate.IssuerName} (đơn vị cấp) hoặc quản trị viên được thu hồi giấy khen này.");
        }

        var label = kind == CertificateEventKind.Revoked ? "Lý do thu hồi" : "Lý do hủy thu hồi";
        var text = TextRules.Text(reason, MaxReasonLength, "reason", label, required: true)!;
        if (kind == CertificateEventKind.Revoked && certificate.Status == CertificateStatus.Revoked)
        {
            throw DomainException.Conflict($"Giấy khen số {certificate.Number} đã bị thu hồi.");
        }

        if (kind == CertificateEventKind.RevocationAnnulled && certificate.Status != CertificateStatus.Revoked)
        {
            throw DomainException.Conflict($"Giấy khen số {certificate.Number} đang có hiệu lực; không có việc thu hồi nào để hủy.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        certificate.Status = kind == CertificateEventKind.Revoked ? CertificateStatus.Revoked : CertificateStatus.Valid;
        certificate.RevokedReason = kind == CertificateEventKind.Revoked ? text : null;
        certificate.RevokedAtUtc = kind == CertificateEventKind.Revoked ? now : null;
        db.CertificateEvents.Add(new CertificateEvent
        {
            CertificateId = certificate.Id, Kind = kind, Reason = text, AtUtc = now, Actor = actor.UserName, ActorName = actor.DisplayName,
        });
        await db.SaveChangesAsync(ct);
    }
}
