using QRCoder;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Workflow.Web.Awards;

/// <summary>
/// Draws a certificate as a one-page PDF, A4 landscape, with SkiaSharp: a double red border, the Party's header, the
/// title, the recipient, the reason, the serial number and date line, the signer, and a QR code to the public
/// verification page. Text is shaped by HarfBuzz with Noto Serif, so stacked Vietnamese diacritics come out right;
/// Skia has no paragraph layout, so long lines are wrapped here by measuring words.
/// </summary>
public sealed class CertificatePdf
{
    private const float Width = 842;   // A4 landscape, points
    private const float Height = 595;
    private static readonly SKColor Red = new(0xB7, 0x1C, 0x1C);
    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;

    public CertificatePdf(IWebHostEnvironment environment, IConfiguration configuration)
        : this(configuration["Certificates:FontDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "wwwroot", "dist", "fonts"))
    {
    }

    /// <summary>With the fonts in <paramref name="directory"/> (the benchmark's way in).</summary>
    public CertificatePdf(string directory)
    {
        _regular = Load(directory, "NotoSerif-Regular.ttf");
        _bold = Load(directory, "NotoSerif-Bold.ttf");
    }

    private static SKTypeface Load(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path)
            ? SKTypeface.FromFile(path)
            : throw new InvalidOperationException($"Thiếu phông chữ {path} (npm run build trong src/Workflow.Web/ClientApp chép Noto Serif vào đó).");
    }

    public byte[] Render(Certificate c, string verifyUrl)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
               {
                   Title = $"{c.Title} {c.Number}", Author = c.IssuerName, Creator = "Xếp loại Đảng", RasterDpi = 150,
               }))
        {
            var canvas = document.BeginPage(Width, Height);
            Draw(canvas, c, verifyUrl);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private void Draw(SKCanvas canvas, Certificate c, string verifyUrl)
    {
        canvas.Clear(SKColors.White);
        using (var border = new SKPaint { Color = Red, Style = SKPaintStyle.Stroke, StrokeWidth = 4, IsAntialias = true })
        {
            canvas.DrawRect(18, 18, Width - 36, Height - 36, border);
            border.StrokeWidth = 1;
            canvas.DrawRect(26, 26, Width - 52, Height - 52, border);
        }

        // Header: the issuer on the left, the Party on the right, as on Party documents.
        Centered(canvas, c.IssuerName.ToUpperInvariant(), _bold, 12, Ink, 215, 70, 330);
        Centered(canvas, "*", _regular, 12, Ink, 215, 88, 330);
        Centered(canvas, "ĐẢNG CỘNG SẢN VIỆT NAM", _bold, 13, Red, 600, 70, 360);

        Centered(canvas, c.Title, _bold, 44, Red, Width / 2, 170, 700);
        var y = Centered(canvas, $"{c.IssuerName} tặng", _regular, 17, Ink, Width / 2, 215, 700, italic: true);
        y = Centered(canvas, c.RecipientName, _bold, 26, Red, Width / 2, y + 42, 700);
        if (c.UnitName != c.RecipientName && c.UnitName != c.IssuerName)
        {
            y = Centered(canvas, c.UnitName, _regular, 16, Ink, Width / 2, y + 28, 700);
        }

        y = Centered(canvas, c.Reason, _regular, 17, Ink, Width / 2, y + 38, 640);
        Centered(canvas, $"(Quyết định số {c.DecisionNumber} ngày {c.DecisionDate:dd/MM/yyyy})", _regular, 13, Ink, Width / 2, y + 26, 700, italic: true);

        // Bottom: serial on the left, date line and signer on the right.
        Centered(canvas, $"Số {c.Number}", _regular, 13, Ink, 215, 455, 330);
        Centered(canvas, c.DateLine, _regular, 13, Ink, 600, 430, 380, italic: true);
        Centered(canvas, c.SignerTitle.ToUpperInvariant(), _bold, 13, Ink, 600, 452, 380);
        Centered(canvas, c.SignerName, _bold, 15, Ink, 600, 540, 380);

        DrawQr(canvas, verifyUrl, 60, 470, 80);
        Text(canvas, "Tra cứu giấy khen", _regular, 8, Ink, 150, 500);
        Text(canvas, "bằng mã QR", _regular, 8, Ink, 150, 512);
        if (c.Status == CertificateStatus.Revoked)
        {
            using var stamp = new SKPaint { Color = Red.WithAlpha(160) };
            canvas.Save();
            canvas.RotateDegrees(-18, Width / 2, Height / 2);
            Centered(canvas, "ĐÃ THU HỒI", _bold, 72, Red.WithAlpha(150), Width / 2, Height / 2 + 20, 800);
            canvas.Restore();
        }
    }

    /// <summary>Draws <paramref name="text"/> centred on <paramref name="cx"/>, wrapped to <paramref name="maxWidth"/>; returns the last baseline.</summary>
    /// <remarks>Italic is the regular face slanted: one face fewer embedded in every PDF (Skia embeds faces whole).</remarks>
    private static float Centered(SKCanvas canvas, string text, SKTypeface face, float size, SKColor color, float cx, float baseline, float maxWidth,
        bool italic = false)
    {
        using var font = new SKFont(face, size) { SkewX = italic ? -0.2f : 0 };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        using var shaper = new SKShaper(face);
        var lines = Wrap(text, font, maxWidth);
        for (var i = 0; i < lines.Count; i++)
        {
            var width = font.MeasureText(lines[i]);
            canvas.DrawShapedText(shaper, lines[i], cx - (width / 2), baseline + (i * size * 1.35f), SKTextAlign.Left, font, paint);
        }

        return baseline + ((lines.Count - 1) * size * 1.35f);
    }

    private static void Text(SKCanvas canvas, string text, SKTypeface face, float size, SKColor color, float x, float baseline)
    {
        using var font = new SKFont(face, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        using var shaper = new SKShaper(face);
        canvas.DrawShapedText(shaper, text, x, baseline, SKTextAlign.Left, font, paint);
    }

    private static List<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    private static void DrawQr(SKCanvas canvas, string url, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        for (var row = 0; row < modules.Count; row++)
        {
            for (var col = 0; col < modules.Count; col++)
            {
                if (modules[row][col])
                {
                    canvas.DrawRect(x + (col * cell), y + (row * cell), cell + 0.2f, cell + 0.2f, paint);
                }
            }
        }
    }
}
