using System.Diagnostics;
using SkiaSharp;
using Workflow.Web.Awards;

namespace Workflow.Benchmarks;

/// <summary>
/// Certificate PDFs per second: the product's renderer (HarfBuzz shaping, word wrap, QR code) against bare SkiaSharp
/// drawing the same page elements (same fonts, plain DrawText, the QR as precomputed squares) in the same run.
/// </summary>
internal static class CertificateScenarios
{
    public static void Run(Report report, int count)
    {
        var fonts = Path.Combine(Path.GetDirectoryName(Files.NodeFolder())!, "..", "..", "src", "Workflow.Web", "wwwroot", "dist", "fonts");
        var renderer = new CertificatePdf(fonts);
        var certificate = new Certificate
        {
            Number = "125/GK-ĐUK", Title = "GIẤY KHEN", RecipientName = "Đồng chí Nguyễn Thị Phương Thảo", UnitName = "Chi bộ Sở Tài chính",
            IssuerName = "Đảng bộ Khối các cơ quan tỉnh", Reason = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2024",
            DecisionNumber = "15-QĐ/ĐUK", DecisionDate = new DateOnly(2025, 1, 10), DateLine = "Hải Dương, ngày 10 tháng 01 năm 2025",
            SignerTitle = "Bí thư Đảng ủy Khối", SignerName = "Nguyễn Văn Bình", Code = Certificate.NewCode(),
        };
        const string Url = "https://xeploai.example.vn/verify/ABCDEFGHJKMNPQRSTVWXYZ2345";
        renderer.Render(certificate, Url); // warm-up

        var clock = Stopwatch.StartNew();
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            bytes += renderer.Render(certificate, Url).Length;
        }

        var ours = count / clock.Elapsed.TotalSeconds;

        using var regular = SKTypeface.FromFile(Path.Combine(fonts, "NotoSerif-Regular.ttf"));
        using var bold = SKTypeface.FromFile(Path.Combine(fonts, "NotoSerif-Bold.ttf"));
        var qr = new bool[33, 33];
        for (var r = 0; r < 33; r++)
        {
            for (var c = 0; c < 33; c++)
            {
                qr[r, c] = ((r * 7) + (c * 13)) % 3 == 0;
            }
        }

        Bare(certificate, regular, bold, qr);
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            Bare(certificate, regular, bold, qr);
        }

        var bare = count / clock.Elapsed.TotalSeconds;
        report.Add($"Certificate PDF, A4 landscape ({bytes / count / 1024} KB each), {count} in a loop", $"{ours:N0} PDFs/s",
            $"bare SkiaSharp, same page elements {bare:N0} PDFs/s", $"{bare / ours:N2}× slower than bare", "≥ 50 PDFs/s", ours >= 50);
    }

    private static byte[] Bare(Certificate c, SKTypeface regular, SKTypeface bold, bool[,] qr)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(842, 595);
            using var stroke = new SKPaint { Color = SKColors.DarkRed, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
            canvas.DrawRect(18, 18, 806, 559, stroke);
            using var ink = new SKPaint { Color = SKColors.Black };
            using var small = new SKFont(regular, 13);
            using var big = new SKFont(bold, 44);
            using var name = new SKFont(bold, 26);
            canvas.DrawText(c.IssuerName.ToUpperInvariant(), 100, 70, small, ink);
            canvas.DrawText("ĐẢNG CỘNG SẢN VIỆT NAM", 500, 70, small, ink);
            canvas.DrawText(c.Title, 300, 170, big, ink);
            canvas.DrawText(c.RecipientName, 250, 257, name, ink);
            canvas.DrawText(c.Reason, 200, 300, small, ink);
            canvas.DrawText($"(Quyết định số {c.DecisionNumber} ngày {c.DecisionDate:dd/MM/yyyy})", 250, 330, small, ink);
            canvas.DrawText($"Số {c.Number}", 150, 455, small, ink);
            canvas.DrawText(c.DateLine, 450, 430, small, ink);
            canvas.DrawText(c.SignerTitle.ToUpperInvariant(), 500, 452, small, ink);
            canvas.DrawText(c.SignerName, 520, 540, small, ink);
            for (var r = 0; r < 33; r++)
            {
                for (var col = 0; col < 33; col++)
                {
                    if (qr[r, col])
                    {
                        canvas.DrawRect(60 + (col * 2.4f), 470 + (r * 2.4f), 2.4f, 2.4f, ink);
                    }
                }
            }

            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }
}
