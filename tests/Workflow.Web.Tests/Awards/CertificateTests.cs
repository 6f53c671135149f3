using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Org;
using Workflow.Web.Ratings;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Awards;

/// <summary>Certificates: issued once per subject after a decision, numbered without gaps, drawn as PDF, verified publicly, revocable.</summary>
public abstract class CertificateTests(AppHost host)
{
    [Fact]
    public async Task A_published_decision_earns_numbered_certificates_once_with_a_readable_pdf_and_a_public_check()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(3);
        using var admin = await host.SignInAsync("admin");
        using var standing = await scenario.UserAsync(Roles.StandingCommittee, scenario.DecidingUnitId);
        using var secretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[0]);
        using var otherSecretary = await scenario.UserAsync(Roles.BranchSecretary, scenario.Grassroots[2]);
        var roundId = await scenario.OpenRoundAsync(standing, 2023, "124-QĐ/TW", scenario.DecidingUnitId, SubjectType.GrassrootsOrganization);
        var files = (await RatingScenario.FilesAsync(admin, roundId)).OrderBy(f => f.GetProperty("subjectName").GetString(), StringComparer.Ordinal).ToList();
        var levels = new[] { RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Good };
        for (var i = 0; i < files.Count; i++)
        {
            await RatingScenario.DriveToProposalAsync(admin, admin, admin, files[i].GetProperty("id").GetGuid(), levels[i]);
        }

        var decision = await RatingScenario.Ok(standing.PostJsonAsync("/api/decisions", new
        {
            roundId, decidingUnitId = scenario.DecidingUnitId, subjectType = "GrassrootsOrganization", number = "15-QĐ/ĐU", decidedOn = "2024-01-10",
            signerName = "Nguyễn Văn Bình", signerTitle = "Bí thư Đảng ủy", acceptProposals = true,
        }));
        var decisionId = decision.GetProperty("id").GetGuid();

        // The background job issues one certificate, to the HTXSNV subject, numbered 1 for this issuer and year.
        var list = await EventuallyIssuedAsync(standing, decisionId);
        var certificate = Assert.Single(list.GetProperty("items").EnumerateArray());
        // The progress the decision page's bar shows: issued of expected (one HTXSNV subject of three).
        Assert.Equal(1, list.GetProperty("issuedCount").GetInt32());
        Assert.Equal(1, list.GetProperty("expected").GetInt32());
        Assert.Equal(files[0].GetProperty("subjectName").GetString(), certificate.GetProperty("recipientName").GetString());
        Assert.Equal("1/GK-ĐU", certificate.GetProperty("number").GetString());
        Assert.Equal("Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2023", certificate.GetProperty("reason").GetString());

        // The issuing committee hears how many were granted; the recipient's secretary hears of theirs; nobody else.
        static async Task<List<string>> BellAsync(WebSession who) => (await who.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("text").GetString()!).ToList();
        Assert.Contains("Đã cấp 1 giấy khen theo Quyết định số 15-QĐ/ĐU.", await BellAsync(standing));
        var recipientUnit = files[0].GetProperty("subjectUnitId").GetGuid();
        foreach (var (who, unit) in new[] { (secretary, scenario.Grassroots[0]), (otherSecretary, scenario.Grassroots[2]) })
        {
            var told = (await BellAsync(who)).Any(t => t.StartsWith("Giấy khen số 1/GK-ĐU đã được cấp cho", StringComparison.Ordinal));
            Assert.Equal(unit == recipientUnit, told);
        }

        // Running the job again (a retry, a second node) issues nothing more.
        var again = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await db.Decisions.Where(d => d.Id == decisionId).ExecuteUpdateAsync(u => u.SetProperty(d => d.CertificatesIssuedAtUtc, (DateTime?)null));
            return await sp.GetRequiredService<IssueCertificates>().RunAsync(decisionId, CancellationToken.None);
        });
        Assert.Equal(0, again);
        Assert.Equal(1, await host.Factory.InScopeAsync((_, db) => db.Certificates.CountAsync(c => c.DecisionId == decisionId)));

        // The PDF reads right (pdftotext) and is kept as an image to look at (pdftoppm).
        var id = certificate.GetProperty("id").GetGuid();
        var pdf = await secretary.GetAsync($"/certificates/{id}.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Giấy khen 1-GK-ĐU {files[0].GetProperty("subjectName").GetString()}.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        var path = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await pdf.Content.ReadAsByteArrayAsync());
        // Words as pdftotext finds them, spacing folded (shaped runs can come out with doubled spaces).
        var text = Tools.PdfText(path);
        Assert.Contains("GIẤY KHEN", text, StringComparison.Ordinal);
        Assert.Contains(files[0].GetProperty("subjectName").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains("Số 1/GK-ĐU", text, StringComparison.Ordinal);
        Assert.Contains("ngày 10 tháng 01 năm 2024", text, StringComparison.Ordinal);
        Assert.Contains("hoàn thành xuất sắc nhiệm vụ năm 2023", text, StringComparison.Ordinal);
        if (host.Kind == DatabaseKind.Sqlite)
        {
            Tools.Run("pdftoppm", $"-r 60 -png -singlefile {path} {Path.Combine(Artifacts.ScreenshotDir, "certificate-1")}");
        }

        File.Delete(path);
        var zip = await standing.GetAsync($"/decisions/{decisionId}/certificates.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Giấy khen theo Quyết định", zip.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        using (var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            var entry = Assert.Single(archive.Entries);
            // Each PDF named after its serial and recipient, Vietnamese letters kept.
            Assert.Equal($"0001 {files[0].GetProperty("subjectName").GetString()}.pdf", entry.Name);
            using var reader = new StreamReader(entry.Open());
            Assert.StartsWith("%PDF", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await otherSecretary.GetAsync($"/decisions/{decisionId}/certificates.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSecretary.GetAsync($"/certificates/{id}.pdf")).StatusCode);

        // The public check, without signing in: genuine and valid; an unknown or altered code says so.
        var code = certificate.GetProperty("code").GetString()!;
        using var anonymous = new WebSession(host.Factory);
        var page = await anonymous.GetStringAsync($"/verify/{code}");
        Assert.Contains("data-status=\"Valid\"", page, StringComparison.Ordinal);
        Assert.Contains(files[0].GetProperty("subjectName").GetString()!, page, StringComparison.Ordinal);
        Assert.DoesNotContain(files[1].GetProperty("subjectName").GetString()!, page, StringComparison.Ordinal);
        var altered = code[..^1] + (code[^1] == 'X' ? 'Y' : 'X');
        var alteredPage = await anonymous.GetStringAsync($"/verify/{altered}");
        Assert.True(alteredPage.Contains("data-testid=\"verify-unknown\"", StringComparison.Ordinal), $"{code} / {altered}: {alteredPage[alteredPage.IndexOf("<main", StringComparison.Ordinal)..][..600]}");
        Assert.Contains("data-testid=\"verify-unknown\"", await anonymous.GetStringAsync("/verify/" + new string('A', 200)), StringComparison.Ordinal);

        // Revocation needs the standing committee and a reason; then the check says revoked.
        await RatingScenario.Refused(secretary.PostJsonAsync($"/api/certificates/{id}/revoke", new { reason = "x" }), HttpStatusCode.Forbidden);
        await RatingScenario.Refused(standing.PostJsonAsync($"/api/certificates/{id}/revoke", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Contains("data-status=\"Valid\"", await anonymous.GetStringAsync($"/verify/{code}"), StringComparison.Ordinal);
        var posted = await standing.PostFormAsync($"/Decisions/{decisionId}", new() { ["certificateId"] = id.ToString(), ["reason"] = "Quyết định được sửa đổi sau khiếu nại." },
            $"/Decisions/{decisionId}?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("đã thu hồi", await standing.GetStringAsync($"/Decisions/{decisionId}"), StringComparison.Ordinal);
        var revoked = await anonymous.GetStringAsync($"/verify/{code}");
        Assert.Contains("data-status=\"Revoked\"", revoked, StringComparison.Ordinal);
        Assert.Contains("Quyết định được sửa đổi sau khiếu nại.", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serial_numbers_continue_per_issuer_and_year_without_gaps_or_repeats()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        var (issuer, year) = (scenario.DecidingUnitId, 2030);
        var serials = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            // Two decisions of the same issuer and year, issued one after the other: 1..3 then 4..5.
            var result = new List<int>();
            foreach (var count in new[] { 3, 2 })
            {
                var decisionId = await SeedDecisionAsync(db, issuer, scenario.Grassroots[0], year, count);
                await sp.GetRequiredService<IssueCertificates>().RunAsync(decisionId, CancellationToken.None);
            }

            return await db.Certificates.Where(c => c.IssuerUnitId == issuer && c.Year == year).OrderBy(c => c.Serial).Select(c => c.Serial).ToListAsync();
        });
        Assert.Equal([1, 2, 3, 4, 5], serials);
    }

    [Fact]
    public async Task An_amended_decision_revokes_the_certificate_its_new_level_no_longer_earns()
    {
        var scenario = await new RatingScenario(host).BuildTreeAsync(1);
        var (original, kept, lowered, amended) = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var service = sp.GetRequiredService<IssueCertificates>();
            var originalId = await SeedDecisionAsync(db, scenario.DecidingUnitId, scenario.Grassroots[0], 2032, 2);
            await service.RunAsync(originalId, CancellationToken.None);
            var items = await db.DecisionItems.Where(i => i.DecisionId == originalId).OrderBy(i => i.Order).ToListAsync();
            var amendment = new Decision
            {
                RoundId = (await db.Decisions.FirstAsync(d => d.Id == originalId)).RoundId, DecidingUnitId = scenario.ParentUnitId,
                SubjectType = SubjectType.GrassrootsOrganization, Number = $"9-QĐ/T-{Guid.NewGuid():N}"[..30], DecidedOn = new DateOnly(2032, 2, 1),
                SignerName = "B", SignerTitle = "Bí thư", AmendsDecisionId = originalId, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Decisions.Add(amendment);
            db.DecisionItems.Add(new DecisionItem { DecisionId = amendment.Id, FileId = items[1].FileId, Order = 1, Level = RatingLevel.Good });
            await db.SaveChangesAsync();
            Assert.Equal(0, await service.RunAsync(amendment.Id, CancellationToken.None));
            return (originalId, items[0].FileId, items[1].FileId, amendment.Number);
        });

        var certificates = await host.Factory.InScopeAsync((_, db) => db.Certificates.Where(c => c.DecisionId == original).ToListAsync());
        Assert.Equal(CertificateStatus.Valid, certificates.Single(c => c.FileId == kept).Status);
        var revoked = certificates.Single(c => c.FileId == lowered);
        Assert.Equal(CertificateStatus.Revoked, revoked.Status);
        Assert.Contains(amended, revoked.RevokedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_certificate_template_is_checked_previewed_and_versioned_and_a_certificate_keeps_the_version_it_was_issued_with()
    {
        using var admin = await host.SignInAsync("admin");
        using var secretary = await host.SignInAsync("bithu.sct");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/admin/certificate-template")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostRawJsonAsync("/api/admin/certificate-template", "{}")).StatusCode);
        var current = await admin.GetJsonAsync("/api/admin/certificate-template");
        var before = current.GetProperty("version").GetInt32();
        var layout = System.Text.Json.Nodes.JsonNode.Parse(current.GetProperty("layout").GetRawText())!.AsObject();
        Assert.Contains(layout["blocks"]!.AsArray(), b => (string?)b!["text"] == "{{ recipient_name }}");

        // The live preview is a PNG drawn by the PDF's own code.
        var preview = await admin.PostRawJsonAsync("/api/admin/certificate-template/preview", layout.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);
        var png = await preview.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        if (host.Kind == DatabaseKind.Sqlite)
        {
            await File.WriteAllBytesAsync(Path.Combine(Artifacts.ScreenshotDir, "certificate-template-preview.png"), png);
        }

        // Bad input, each refused with a Vietnamese message naming the field, and no new version.
        string With(Action<System.Text.Json.Nodes.JsonObject> change)
        {
            var copy = System.Text.Json.Nodes.JsonNode.Parse(layout.ToJsonString())!.AsObject();
            change(copy);
            return copy.ToJsonString();
        }

        var cases = new (string Body, string Field, string Words)[]
        {
            ("{ \"blocks\": [", "layout", "không đọc được"),
            (With(l => l["blocks"]![0]!["color"] = "đỏ"), "blocks[0].color", "#RRGGBB"),
            (With(l => l["blocks"]![0]!["x"] = 5000), "blocks[0].x", "vị trí ngang"),
            (With(l => l["blocks"]![0]!["size"] = 0), "blocks[0].size", "cỡ chữ"),
            (With(l => l["blocks"]![0]!["text"] = "{{ for i in 1..100000000 }}x{{ end }}"), "blocks[0].text", "Dòng 1"),
            (With(l => l["blocks"]![0]!["text"] = "{{ while true }}{{ end }}"), "blocks[0].text", "Dòng 1"),
            (With(l => l["blocks"]![0]!["text"] = "{{ include 'mau-khac' }}"), "blocks[0].text", "Dòng 1"),
            (With(l => l["blocks"]![0]!["text"] = "{{ khong_co_bien }}"), "blocks[0].text", "Dòng 1"),
            (With(l => l["blocks"]![0]!["text"] = "{{ if }}"), "blocks[0].text", "cú pháp"),
            (With(l => l["emblem"] = new System.Text.Json.Nodes.JsonObject { ["imageBase64"] = Convert.ToBase64String("<svg onload=alert(1)>"u8.ToArray()), ["x"] = 10, ["y"] = 10, ["width"] = 50 }), "emblem.image", "PNG hoặc JPEG"),
            (With(l => l["blocks"] = new System.Text.Json.Nodes.JsonArray()), "blocks", "ít nhất một dòng"),
            ("{\"blocks\":[{\"text\":\"" + new string('x', 1_000_100) + "\"}]}", "layout", "quá lớn"),
        };
        foreach (var (body, field, words) in cases)
        {
            foreach (var url in new[] { "/api/admin/certificate-template/preview", "/api/admin/certificate-template" })
            {
                var refused = await RatingScenario.Refused(admin.PostRawJsonAsync(url, body), HttpStatusCode.BadRequest);
                var errors = refused.GetProperty("errors").EnumerateArray().ToList();
                Assert.True(errors.Any(e => e.GetProperty("field").GetString() == field && e.GetProperty("message").GetString()!.Contains(words, StringComparison.Ordinal)),
                    $"{field}: {refused}");
            }
        }

        Assert.Equal(before, (await admin.GetJsonAsync("/api/admin/certificate-template")).GetProperty("version").GetInt32());

        // A real emblem (a PNG) and a new dedication: saved as the next version.
        var emblem = Convert.ToBase64String(await preview.Content.ReadAsByteArrayAsync());
        // Digits only: the PDF is shaped with ligatures, so a hex tag holding "ff" would come out of pdftotext as "ﬀ".
        var tag = Random.Shared.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = await RatingScenario.Ok(admin.PostRawJsonAsync("/api/admin/certificate-template", With(l =>
        {
            l["blocks"]!.AsArray().Single(b => (string?)b!["name"] == "Lời tặng")!["text"] = $"Kính tặng {tag}";
            l["emblem"] = new System.Text.Json.Nodes.JsonObject { ["imageBase64"] = emblem, ["x"] = 391, ["y"] = 96, ["width"] = 60 };
        })));
        var v1 = saved.GetProperty("version").GetInt32();
        Assert.Equal(before + 1, v1);

        // A certificate issued now carries that version; after another edit, it is still drawn the way it was issued.
        var decisionId = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            var issuer = await db.Units.FirstAsync(u => u.Code == "TU");
            var id = await SeedDecisionAsync(db, issuer.Id, issuer.Id, 2040 + Random.Shared.Next(0, 50), 1);
            await sp.GetRequiredService<IssueCertificates>().RunAsync(id, CancellationToken.None);
            return id;
        });
        var certificate = await host.Factory.InScopeAsync((_, db) => db.Certificates.SingleAsync(c => c.DecisionId == decisionId));
        Assert.Equal(v1, certificate.TemplateVersion);
        await RatingScenario.Ok(admin.PostRawJsonAsync("/api/admin/certificate-template", With(l =>
            l["blocks"]!.AsArray().Single(b => (string?)b!["name"] == "Lời tặng")!["text"] = $"Trân trọng tặng {tag}")));
        var text = await PdfTextAsync(admin, certificate.Id);
        Assert.Contains($"Kính tặng {tag}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trân trọng tặng", text, StringComparison.Ordinal);

        // Back to the built-in design for the other tests of this host.
        await RatingScenario.Ok(admin.PostRawJsonAsync("/api/admin/certificate-template", (await admin.GetStringAsync("/api/admin/certificate-template/default"))));
    }

    /// <summary>A certificate's words as pdftotext reads its PDF, fetched as <paramref name="reader"/> (spacing folded).</summary>
    internal static async Task<string> PdfTextAsync(WebSession reader, Guid certificateId)
    {
        var pdf = await reader.GetAsync($"/certificates/{certificateId}.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await pdf.Content.ReadAsByteArrayAsync());
        try
        {
            return Tools.PdfText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A published decision written straight to the database (as if the job that follows it never ran): <paramref name="count"/> HTXSNV subjects.</summary>
    internal static async Task<Guid> SeedDecisionAsync(AppDbContext db, Guid issuer, Guid subjectUnit, int year, int count)
    {
        var path = await db.Units.IgnoreQueryFilters().Where(u => u.Id == subjectUnit).Select(u => u.Path).SingleAsync();
        var round = new RatingRound
        {
            Name = "Xếp loại thử nghiệm số", Year = year - 1, RuleSetId = await db.RuleSets.Select(r => r.Id).FirstAsync(), DecidingUnitId = issuer, DecidingUnitPath = path,
            SubjectTypes = nameof(SubjectType.GrassrootsOrganization), SelfAssessmentDueUtc = DateTime.UtcNow, ReviewDueUtc = DateTime.UtcNow,
            DecisionDueUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow, CreatedBy = "test",
        };
        db.Rounds.Add(round);
        var decision = new Decision
        {
            RoundId = round.Id, DecidingUnitId = issuer, SubjectType = SubjectType.GrassrootsOrganization, Number = $"{count}-QĐ/T-{Guid.NewGuid():N}"[..30],
            DecidedOn = new DateOnly(year, 1, 5), SignerName = "Nguyễn Văn A", SignerTitle = "Bí thư", CreatedAtUtc = DateTime.UtcNow,
        };
        db.Decisions.Add(decision);
        // A subject has one file per round (a unique key): each file is a branch of its own under the subject unit.
        var parent = await db.Units.IgnoreQueryFilters().SingleAsync(u => u.Id == subjectUnit);
        for (var i = 0; i < count; i++)
        {
            var name = $"Chi bộ số {i + 1}";
            var branch = new Unit
            {
                ParentId = parent.Id, Kind = UnitKind.GrassrootsBranch, Name = name, SearchName = TextFolding.Fold(name), Depth = parent.Depth + 1,
                SortOrder = i, ValidFrom = new DateOnly(2021, 1, 1),
            };
            branch.Path = Unit.PathUnder(parent, branch.Id);
            db.Units.Add(branch);
            var file = new RatingFile
            {
                RoundId = round.Id, SubjectType = SubjectType.GrassrootsOrganization, SubjectUnitId = branch.Id, SubjectName = name,
                UnitPath = branch.Path, DecidingUnitId = issuer, FormCode = "01", Status = FileStatus.Decided, DecidedLevel = RatingLevel.Excellent,
            };
            db.Files.Add(file);
            db.DecisionItems.Add(new DecisionItem { DecisionId = decision.Id, FileId = file.Id, Order = i + 1, Level = RatingLevel.Excellent });
        }

        await db.SaveChangesAsync();
        return decision.Id;
    }

    private static async Task<JsonElement> EventuallyIssuedAsync(WebSession reader, Guid decisionId)
    {
        var list = await Eventually.ValueAsync(() => reader.GetJsonAsync($"/api/decisions/{decisionId}/certificates"), l => l.GetProperty("issued").GetBoolean());
        return list.GetProperty("issued").GetBoolean() ? list : throw new TimeoutException("The certificates were not issued.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCertificateTests(SqliteHost host) : CertificateTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCertificateTests(PostgresHost host) : CertificateTests(host);
