using Workflow.Web.Data;

namespace Workflow.Web.Templates;

/// <summary>
/// An admin-editable Scriban template, versioned: saving makes a new version, the latest is used. The template writes
/// a small line-based markup (see <see cref="DocumentMarkup"/>), never raw HTML, so the same text becomes a safe web
/// page and a .docx.
/// </summary>
public sealed class DocumentTemplate : Entity, IAudited
{
    /// <summary>"decision" for the Decision document.</summary>
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Content { get; set; }
    public DateTime SavedAtUtc { get; set; }
    public string? SavedBy { get; set; }
}

/// <summary>The templates the product ships; an admin's saved version replaces the default.</summary>
public static class DefaultTemplates
{
    public const string Decision = "decision";

    public static string For(string key) => key switch
    {
        Decision => DecisionText,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Không có mẫu văn bản này."),
    };

    public const string DecisionText = """
        || {{ issuer_parent | string.upcase }} | ĐẢNG CỘNG SẢN VIỆT NAM
        || {{ issuer | string.upcase }} |
        || Số {{ number }} | {{ date_line }}
        
        # QUYẾT ĐỊNH
        ## {{ if amends }}sửa đổi Quyết định số {{ amends }} về {{ end }}công nhận kết quả đánh giá, xếp loại chất lượng {{ subject_plural }} năm {{ year }}
        
        ## BAN THƯỜNG VỤ {{ issuer | string.upcase }}
        
        - Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
        - Căn cứ {{ rule_set }} về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị;
        - Xét đề nghị của Ban Tổ chức{{ if amends }} sau khi thẩm định lại theo khiếu nại{{ end }},
        
        ## QUYẾT ĐỊNH
        
        **Điều 1.** Công nhận kết quả đánh giá, xếp loại chất lượng năm {{ year }} đối với {{ items.size }} {{ subject_plural }} (có danh sách kèm theo), trong đó: {{ sentence }}
        
        | STT | Tên | Xếp loại | Ghi chú
        {{ for item in items }}| {{ item.order }} | {{ item.name }} | {{ item.level_name }} | {{ item.reason }}
        {{ end }}
        **Điều 2.** Các cấp ủy, tổ chức đảng và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.
        
        >> T/M BAN THƯỜNG VỤ
        >> {{ signer_title | string.upcase }}
        >> 
        >> {{ signer_name }}
        """;
}
