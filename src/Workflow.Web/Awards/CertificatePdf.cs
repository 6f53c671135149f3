using QRCoder;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Workflow.Web.Awards;

/// <summary>
/// Draws a certificate as a one-page PDF, A4 landscape, with SkiaSharp, from its template's layout: the border, an
/// optional emblem image, the text blocks (the template's Scriban texts rendered for this certificate) and a QR code
/// to the public verification page. Text is shaped by HarfBuzz with Noto Serif, so stacked Vietnamese diacritics come
/// out right; Skia has no paragraph layout, so long lines are wrapped here by measuring words. The same drawing on a
/// raster surface gives the PNG of the template editor's live preview.
/// </summary>
public sealed class CertificatePdf
{
    private const float Width = CertificateLayout.PageWidth;   // A4 landscape, points
    private const float Height = CertificateLayout.PageHeight;
    private static readonly SKColor Red = new(0xB7, 0x1C, 0x1C);
    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;
    private readonly SKTypeface _italic;

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
        _italic = Load(directory, "NotoSerif-Italic.ttf");
    }

    private static SKTypeface Load(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path)
            ? SKTypeface.FromFile(path)
            : throw new InvalidOperationException($"Thiếu phông chữ {path} (npm run build trong src/Workflow.Web/ClientApp chép Noto Serif vào đó).");
    }

    /// <summary>The built-in layout, compiled once.</summary>
    public static CompiledLayout DefaultLayout { get; } = CertificateLayout.Default.Compile();

    public byte[] Render(Certificate c, string verifyUrl, CompiledLayout? layout = null)
    {
        layout ??= DefaultLayout;
        var texts = layout.Texts(c);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
               {
                   Title = $"{c.Title} {c.Number}", Author = c.IssuerName, Creator = "Xếp loại Đảng", RasterDpi = 150,
               }))
        {
            var canvas = document.BeginPage(Width, Height);
            Draw(canvas, c, verifyUrl, layout.Layout, texts);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    /// <summary>The page as a PNG at <paramref name="scale"/> pixels per point (the editor's preview).</summary>
    public byte[] RenderPng(Certificate c, string verifyUrl, CompiledLayout layout, float scale = 1f)
    {
        var texts = layout.Texts(c);
        using var surface = SKSurface.Create(new SKImageInfo((int)(Width * scale), (int)(Height * scale)));
        surface.Canvas.Scale(scale);
        Draw(surface.Canvas, c, verifyUrl, layout.Layout, texts);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    private void Draw(SKCanvas canvas, Certificate c, string verifyUrl, CertificateLayout layout, IReadOnlyList<string> texts)
    {
        canvas.Clear(SKColors.White);
        var border = layout.Border;
        if (border.Style != BorderStyle.None)
        {
            using var paint = new SKPaint { Color = Parse(border.Color, Red), Style = SKPaintStyle.Stroke, StrokeWidth = border.Width, IsAntialias = true };
            canvas.DrawRect(border.Inset, border.Inset, Width - (2 * border.Inset), Height - (2 * border.Inset), paint);
            if (border.Style == BorderStyle.TwoLines)
            {
                var inner = border.Inset + border.Width + 4;
                paint.StrokeWidth = 1;
                canvas.DrawRect(inner, inner, Width - (2 * inner), Height - (2 * inner), paint);
            }
        }

        if (layout.Emblem is { } emblem && emblem.ImageBase64.Length > 0)
        {
            using var image = SKImage.FromEncodedData(Convert.FromBase64String(emblem.ImageBase64));
            if (image is not null)
            {
                var height = emblem.Width * image.Height / image.Width;
                canvas.DrawImage(image, new SKRect(emblem.X, emblem.Y, emblem.X + emblem.Width, emblem.Y + height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
        }

        var last = 0f;
        for (var i = 0; i < layout.Blocks.Count && i < texts.Count; i++)
        {
            var block = layout.Blocks[i];
            var baseline = block.Follow ? last + block.Y : block.Y;
            if (texts[i].Length == 0)
            {
                continue; // an empty block takes no room: what follows moves up
            }

            var face = block.Face switch { FontFace.Bold => _bold, FontFace.Italic => _italic, _ => _regular };
            last = Paragraph(canvas, texts[i], face, block.Size, Parse(block.Color, Ink), block.X, baseline, block.MaxWidth, block.Align);
        }

        if (layout.Qr.Show)
        {
            var qr = layout.Qr;
            DrawQr(canvas, verifyUrl, qr.X, qr.Y, qr.Size);
            if (!string.IsNullOrWhiteSpace(qr.Caption))
            {
                Paragraph(canvas, qr.Caption, _regular, 8, Ink, qr.X + qr.Size + 10, qr.Y + 30, 80, TextAlign.Left);
            }
        }

        if (c.Status == CertificateStatus.Revoked)
        {
            canvas.Save();
            canvas.RotateDegrees(-18, Width / 2, Height / 2);
            Paragraph(canvas, "ĐÃ THU HỒI", _bold, 72, Red.WithAlpha(150), Width / 2, (Height / 2) + 20, 800, TextAlign.Center);
            canvas.Restore();
        }
    }

    private static SKColor Parse(string? color, SKColor fallback) => SKColor.TryParse(color, out var parsed) ? parsed : fallback;

    /// <summary>
    /// Draws <paramref name="text"/> wrapped to <paramref name="maxWidth"/>, each line centred on <paramref name="x"/>
    /// (or starting or ending there); returns the last line's baseline.
    /// </summary>
    private static float Paragraph(SKCanvas canvas, string text, SKTypeface face, float size, SKColor color, float x, float baseline, float maxWidth, TextAlign align)
    {
        using var font = new SKFont(face, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        using var shaper = new SKShaper(face);
        var lines = text.Split('\n').SelectMany(line => Wrap(line.Trim(), font, maxWidth)).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var width = font.MeasureText(lines[i]);
            var left = align switch { TextAlign.Left => x, TextAlign.Right => x - width, _ => x - (width / 2) };
            canvas.DrawShapedText(shaper, lines[i], left, baseline + (i * size * 1.35f), SKTextAlign.Left, font, paint);
        }

        return baseline + ((lines.Count - 1) * size * 1.35f);
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
