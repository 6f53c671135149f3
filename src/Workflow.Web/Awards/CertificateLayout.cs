using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scriban.Runtime;
using Workflow.Web.Templates;
namespace Workflow.Web.Awards;

/// <summary>
/// One line or paragraph of the certificate: its text is a Scriban template over the certificate's fields (an empty
/// result draws nothing), wrapped to <see cref="MaxWidth"/> and placed at (<see cref="X"/>, <see cref="Y"/>) in
/// points on the A4-landscape page (842 × 595). With <see cref="Follow"/>, <see cref="Y"/> is the distance below the
/// last line of the block before it, so a reason that wraps to two lines pushes what follows down.
/// </summary>
public sealed record TextBlock
{
    public string Name { get; init; } = "";
    public string Text { get; init; } = "";
    public float X { get; init; }
    public float Y { get; init; }
    public bool Follow { get; init; }
    public float Size { get; init; } = 14;
    public FontFace Face { get; init; } = FontFace.Regular;
    public string Color { get; init; } = "#212121";
    public float MaxWidth { get; init; } = 700;
    public TextAlign Align { get; init; } = TextAlign.Center;
}

public sealed record BorderSettings
{
    public BorderStyle Style { get; init; } = BorderStyle.TwoLines;
    public string Color { get; init; } = "#B71C1C";
    /// <summary>Width of the outer line (the inner line of a double border is 1 pt).</summary>
    public float Width { get; init; } = 4;
    /// <summary>Distance from the page edge.</summary>
    public float Inset { get; init; } = 18;
}

/// <summary>An image (PNG or JPEG, e.g. the Party emblem), placed by its top-left corner and scaled to a width.</summary>
public sealed record EmblemSettings
{
    public string ImageBase64 { get; init; } = "";
    public float X { get; init; }
    public float Y { get; init; }
    public float Width { get; init; } = 60;
}

public sealed record QrSettings
{
    public bool Show { get; init; } = true;
    public float X { get; init; } = 60;
    public float Y { get; init; } = 470;
    public float Size { get; init; } = 80;
    public string Caption { get; init; } = "Tra cứu giấy khen bằng mã QR";
}

/// <summary>
/// The certificate's template: the text blocks (Scriban) and the layout (border, emblem, QR code), stored as one JSON
/// document per version in <c>DocumentTemplates</c> under <see cref="Key"/>. A certificate records the version it was
/// issued with and is always drawn with it, so editing the template never changes a certificate already handed out.
/// </summary>
public sealed record CertificateLayout
{
    public const string Key = "certificate";
    public const float PageWidth = 842;
    public const float PageHeight = 595;
    public const int MaxBlocks = 30;
    public const int MaxTextLength = 2_000;
    public const int MaxEmblemBytes = 512 * 1024;

    public BorderSettings Border { get; init; } = new();
    public EmblemSettings? Emblem { get; init; }
    public QrSettings Qr { get; init; } = new();
    public List<TextBlock> Blocks { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    private const string Red = "#B71C1C";
    private const string Ink = "#212121";

    /// <summary>The built-in design (version 0): the layout of Party certificates of merit.</summary>
    public static CertificateLayout Default { get; } = new()
    {
        Blocks =
        [
            new() { Name = "Đơn vị cấp", Text = "{{ issuer_name | string.upcase }}", X = 215, Y = 70, Size = 12, Face = FontFace.Bold, MaxWidth = 330 },
            new() { Name = "Dấu sao", Text = "*", X = 215, Y = 88, Size = 12, MaxWidth = 330 },
            new() { Name = "Quốc hiệu Đảng", Text = "ĐẢNG CỘNG SẢN VIỆT NAM", X = 600, Y = 70, Size = 13, Face = FontFace.Bold, Color = Red, MaxWidth = 360 },
            new() { Name = "Tiêu đề", Text = "{{ title }}", X = 421, Y = 170, Size = 44, Face = FontFace.Bold, Color = Red },
            new() { Name = "Lời tặng", Text = "{{ issuer_name }} tặng", X = 421, Y = 215, Size = 17, Face = FontFace.Italic },
            new() { Name = "Người nhận", Text = "{{ recipient_name }}", X = 421, Y = 42, Follow = true, Size = 26, Face = FontFace.Bold, Color = Red },
            new() { Name = "Đơn vị người nhận", Text = "{{ if show_unit }}{{ unit_name }}{{ end }}", X = 421, Y = 28, Follow = true, Size = 16 },
            new() { Name = "Thành tích", Text = "{{ reason }}", X = 421, Y = 38, Follow = true, Size = 17, MaxWidth = 640 },
            new() { Name = "Căn cứ", Text = "(Quyết định số {{ decision_number }} ngày {{ decision_date }})", X = 421, Y = 26, Follow = true, Size = 13, Face = FontFace.Italic },
            new() { Name = "Số giấy khen", Text = "Số {{ number }}", X = 215, Y = 455, Size = 13, MaxWidth = 330 },
            new() { Name = "Địa danh, ngày", Text = "{{ date_line }}", X = 600, Y = 430, Size = 13, Face = FontFace.Italic, MaxWidth = 380 },
            new() { Name = "Chức vụ người ký", Text = "{{ signer_title | string.upcase }}", X = 600, Y = 452, Size = 13, Face = FontFace.Bold, MaxWidth = 380 },
            new() { Name = "Người ký", Text = "{{ signer_name }}", X = 600, Y = 540, Size = 15, Face = FontFace.Bold, MaxWidth = 380 },
        ],
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored or submitted layout; malformed JSON is a field error, never an exception.</summary>
    public static CertificateLayout? TryParse(string? json, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            errors.Add(new("layout", "Mẫu giấy khen đang trống."));
            return null;
        }

        if (json.Length > 1_000_000)
        {
            errors.Add(new("layout", "Mẫu giấy khen quá lớn (tối đa 1 MB, kể cả ảnh)."));
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CertificateLayout>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            errors.Add(new("layout", $"Mẫu giấy khen không đọc được: {ex.Message}"));
            return null;
        }
    }

    private static readonly Regex ColorPattern = new("^#[0-9A-Fa-f]{6}$", RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>Every problem, per field, in Vietnamese; the texts are compiled and rendered on <paramref name="sample"/>.</summary>
    public List<FieldError> Validate(ScriptObject sample)
    {
        var errors = new List<FieldError>();
        void Range(string field, string label, float value, float min, float max)
        {
            if (float.IsNaN(value) || value < min || value > max)
            {
                errors.Add(new(field, $"{label} phải từ {min.ToString(CultureInfo.InvariantCulture)} đến {max.ToString(CultureInfo.InvariantCulture)}."));
            }
        }

        void Color(string field, string value)
        {
            if (!ColorPattern.IsMatch(value ?? ""))
            {
                errors.Add(new(field, "Màu phải có dạng #RRGGBB, ví dụ #B71C1C."));
            }
        }

        if (Blocks.Count == 0)
        {
            errors.Add(new("blocks", "Giấy khen cần ít nhất một dòng chữ."));
        }

        if (Blocks.Count > MaxBlocks)
        {
            errors.Add(new("blocks", $"Tối đa {MaxBlocks} dòng chữ."));
        }

        for (var i = 0; i < Math.Min(Blocks.Count, MaxBlocks); i++)
        {
            var b = Blocks[i];
            var field = $"blocks[{i}]";
            var label = string.IsNullOrWhiteSpace(b.Name) ? $"Dòng {i + 1}" : $"Dòng {i + 1} ({b.Name})";
            if (b.Name.Length > 100)
            {
                errors.Add(new(field + ".name", $"{label}: tên tối đa 100 ký tự."));
            }

            if (b.Text.Length > MaxTextLength)
            {
                errors.Add(new(field + ".text", $"{label}: nội dung tối đa {MaxTextLength:N0} ký tự."));
            }
            else
            {
                try
                {
                    var output = DocumentRenderer.Render(DocumentRenderer.Compile(b.Text), sample);
                    if (output.Length > MaxTextLength)
                    {
                        errors.Add(new(field + ".text", $"{label}: văn bản sinh ra quá dài (tối đa {MaxTextLength:N0} ký tự)."));
                    }
                }
                catch (TemplateException ex)
                {
                    errors.Add(new(field + ".text", $"{label}: {ex.Message} {string.Join(" ", ex.Problems)}".Trim()));
                }
            }

            Range(field + ".x", $"{label}: vị trí ngang", b.X, 0, PageWidth);
            Range(field + ".y", $"{label}: vị trí dọc", b.Y, b.Follow ? -PageHeight : 0, PageHeight);
            Range(field + ".size", $"{label}: cỡ chữ", b.Size, 6, 96);
            Range(field + ".maxWidth", $"{label}: bề rộng", b.MaxWidth, 20, PageWidth);
            Color(field + ".color", b.Color);
            if (!Enum.IsDefined(b.Face) || !Enum.IsDefined(b.Align))
            {
                errors.Add(new(field + ".face", $"{label}: kiểu chữ hoặc căn lề không hợp lệ."));
            }
        }

        if (!Enum.IsDefined(Border.Style))
        {
            errors.Add(new("border.style", "Kiểu viền không hợp lệ."));
        }

        Color("border.color", Border.Color);
        Range("border.width", "Độ dày viền", Border.Width, 0.5f, 20);
        Range("border.inset", "Khoảng cách viền tới mép giấy", Border.Inset, 0, 100);
        Range("qr.x", "Mã QR: vị trí ngang", Qr.X, 0, PageWidth - Qr.Size);
        Range("qr.y", "Mã QR: vị trí dọc", Qr.Y, 0, PageHeight - Qr.Size);
        Range("qr.size", "Mã QR: kích thước", Qr.Size, 40, 200);
        if ((Qr.Caption ?? "").Length > 200)
        {
            errors.Add(new("qr.caption", "Chú thích mã QR tối đa 200 ký tự."));
        }

        if (Emblem is { } emblem)
        {
            Range("emblem.x", "Ảnh: vị trí ngang", emblem.X, 0, PageWidth);
            Range("emblem.y", "Ảnh: vị trí dọc", emblem.Y, 0, PageHeight);
            Range("emblem.width", "Ảnh: bề rộng", emblem.Width, 10, PageWidth);
            if (EmblemError(emblem.ImageBase64) is { } problem)
            {
                errors.Add(new("emblem.image", problem));
            }
        }

        return errors;
    }

    /// <summary>The emblem must be a PNG or JPEG (by its content, not its name) of at most 512 KB that decodes.</summary>
    public static string? EmblemError(string? base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            return "Ảnh không đọc được.";
        }

        if (bytes.Length == 0)
        {
            return "Chưa chọn ảnh.";
        }

        if (bytes.Length > MaxEmblemBytes)
        {
            return $"Ảnh quá lớn: tối đa {MaxEmblemBytes / 1024} KB.";
        }

        var png = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var jpeg = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
        if (!png && !jpeg)
        {
            return "Ảnh phải là tệp PNG hoặc JPEG.";
        }

        using var image = SkiaSharp.SKImage.FromEncodedData(bytes);
        return image is null || image.Width > 4000 || image.Height > 4000 ? "Ảnh hỏng hoặc quá lớn (tối đa 4000 × 4000 điểm ảnh)." : null;
    }

    /// <summary>What a block's text may use, for one certificate.</summary>
    public static ScriptObject Model(Certificate c) => new()
    {
        ["title"] = c.Title, ["issuer_name"] = c.IssuerName, ["recipient_name"] = c.RecipientName, ["unit_name"] = c.UnitName,
        ["show_unit"] = c.UnitName != c.RecipientName && c.UnitName != c.IssuerName, ["reason"] = c.Reason,
        ["decision_number"] = c.DecisionNumber, ["decision_date"] = c.DecisionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["number"] = c.Number, ["serial"] = c.Serial, ["year"] = c.Year, ["date_line"] = c.DateLine,
        ["signer_title"] = c.SignerTitle, ["signer_name"] = c.SignerName,
    };

    /// <summary>A certificate for previews and the check on save.</summary>
    public static Certificate Sample() => new()
    {
        Number = "125/GK-ĐUK", Serial = 125, Year = 2023, Title = "GIẤY KHEN", RecipientName = "Đảng bộ Sở Công Thương",
        UnitName = "Đảng bộ Khối các cơ quan tỉnh", IssuerName = "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
        Reason = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2022", DecisionNumber = "1234-QĐ/ĐUK",
        DecisionDate = new DateOnly(2023, 1, 10), DateLine = "Hải Dương, ngày 10 tháng 01 năm 2023",
        SignerTitle = "T/M Ban Thường vụ, Bí thư", SignerName = "Nguyễn Văn An", Code = "MAUXEMTRUOC", IssuedAtUtc = new DateTime(2023, 1, 10),
    };

    /// <summary>Blocks with their texts parsed once (a batch draws the same template many times).</summary>
    public CompiledLayout Compile() => new(this, Blocks.Select(b => DocumentRenderer.Compile(b.Text)).ToList());
}
