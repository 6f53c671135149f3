namespace Workflow.Web.Templates;

/// <summary>The templates the product ships; an admin's saved version replaces the default.</summary>
public static class DefaultTemplates
{
    public const string Decision = "decision";
    public const string AwardDecision = "award-decision";
    public const string YearReport = "year-report";
    public const string MailReminder = "mail.reminder";
    public const string MailDigest = "mail.digest";

    public static IReadOnlyList<string> Keys { get; } = [Decision, AwardDecision, YearReport, MailReminder, MailDigest];

    /// <summary>The templates that make a document (HTML page and .docx); the others are mails.</summary>
    public static bool IsDocument(string key) => key is Decision or AwardDecision or YearReport;

    public static string Title(string key) => key switch
    {
        Decision => "Quyết định công nhận kết quả xếp loại",
        AwardDecision => "Quyết định khen thưởng",
        YearReport => "Báo cáo tổng kết năm",
        MailReminder => "Thư nhắc việc (một việc)",
        MailDigest => "Thư tổng hợp việc cần làm",
        _ => key,
    };

    public static string For(string key) => key switch
    {
        Decision => DecisionText,
        AwardDecision => AwardDecisionText,
        YearReport => YearReportText,
        MailReminder => MailReminderText,
        MailDigest => MailDigestText,
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

    public const string AwardDecisionText = """
        || {{ issuer_parent | string.upcase }} | ĐẢNG CỘNG SẢN VIỆT NAM
        || {{ issuer | string.upcase }} |
        || Số {{ number }} | {{ date_line }}

        # QUYẾT ĐỊNH
        ## về việc khen thưởng năm {{ year }}

        ## BAN THƯỜNG VỤ {{ issuer | string.upcase }}

        - Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
        - Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;
        - Căn cứ kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {{ year }};
        - Xét đề nghị của {{ proposer }},

        ## QUYẾT ĐỊNH

        **Điều 1.** {{ sentence }} (có danh sách kèm theo).
        {{ for group in groups }}
        **{{ group.order }}. {{ group.name }}**: {{ group.counts }}

        {{ if group.individuals }}| STT | Tên tập thể, cá nhân | Đơn vị | Thành tích
        {{ for item in group.items }}| {{ item.order }} | {{ item.name }} | {{ item.unit }} | {{ item.reason }}
        {{ end }}{{ else }}| STT | Tên tập thể | Thành tích
        {{ for item in group.items }}| {{ item.order }} | {{ item.name }} | {{ item.reason }}
        {{ end }}{{ end }}{{ end }}
        {{ if proposal != "" }}**Điều 2.** {{ proposal }}
        {{ end }}
        **Điều {{ last_article }}.** Các cấp ủy, tổ chức đảng và tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.

        >> T/M BAN THƯỜNG VỤ
        >> {{ signer_title | string.upcase }}
        >> 
        >> {{ signer_name }}
        """;

    public const string YearReportText = """
        || {{ parent | string.upcase }} | ĐẢNG CỘNG SẢN VIỆT NAM
        || {{ unit | string.upcase }} | {{ date_line }}

        # BÁO CÁO
        ## tổng kết công tác đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và khen thưởng năm {{ year }}

        **I. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG**
        {{ if ratings.size == 0 }}
        Năm {{ year }} chưa có kết quả xếp loại nào được công nhận.
        {{ end }}{{ for r in ratings }}
        **{{ r.order }}. {{ r.title }}.** Năm {{ year }} {{ r.sentence }}

        | Mức xếp loại | Số lượng | Tỷ lệ (%)
        {{ for l in r.levels }}| {{ l.name }} | {{ l.count }} | {{ l.percent }}
        {{ end }}| Tổng số | {{ r.total }} | 100
        {{ end }}
        **II. THỰC HIỆN CHỈ TIÊU NGHỊ QUYẾT**
        {{ if targets.size == 0 }}
        Chưa ghi chỉ tiêu của năm {{ year }}.
        {{ else }}
        Kết quả thực hiện Nghị quyết về nhiệm vụ năm {{ year }}, có {{ targets_summary }}.
        {{ for t in targets }}- {{ t.line }}
        {{ end }}{{ end }}
        **III. KHEN THƯỞNG VÀ DANH HIỆU THI ĐUA**
        {{ for s in award_sentences }}
        {{ s }}
        {{ end }}{{ if proposal != "" }}
        {{ proposal }}
        {{ end }}{{ if titles != "" }}
        Năm {{ year }}, có {{ titles }}
        {{ end }}{{ if award_sentences.size == 0 && proposal == "" && titles == "" }}
        Năm {{ year }} chưa có khen thưởng, danh hiệu thi đua nào được ghi nhận.
        {{ end }}
        **IV. CHẤT LƯỢNG SINH HOẠT CHI BỘ**

        {{ meetings }}
        {{ for q in meeting_quarters }}- {{ q }}
        {{ end }}
        {{ if units.size > 0 }}**V. KẾT QUẢ CỦA CÁC ĐƠN VỊ TRỰC THUỘC**

        | Đơn vị | TCCS đảng HTTNV trở lên (%) | Đảng viên HTTNV trở lên (%) | Đảng viên HTXSNV (%) | Chưa đạt chỉ tiêu
        {{ for u in units }}| {{ u.name }} | {{ u.organizations_good }} | {{ u.members_good }} | {{ u.members_excellent }} | {{ u.below }}
        {{ end }}{{ end }}
        >> {{ signer_title | string.upcase }}
        """;

    /// <summary>First line: the subject. Then the body (plain text; "- " lines are a list, addresses become links).</summary>
    public const string MailReminderText = """
        {{ if escalation }}[Cấp dưới quá hạn] {{ task_name }} – {{ subject_name }}{{ else if overdue }}[Quá hạn] {{ task_name }} – {{ subject_name }}{{ else }}[Nhắc việc] {{ task_name }} – {{ subject_name }}, hạn {{ due }}{{ end }}
        Kính gửi đồng chí {{ recipient_name }},

        {{ if escalation }}Việc "{{ task_name }}" của {{ subject_name }} {{ status }} (hạn {{ due }}). Đề nghị Ban Tổ chức đôn đốc để hoàn thành sớm.{{ else }}Việc "{{ task_name }}" ({{ subject_name }}) {{ status }}; hạn xử lý: {{ due }}.{{ end }}

        Mở việc: {{ link }}

        Thư do hệ thống gửi tự động. Đồng chí có thể chọn chỉ nhận thư tổng hợp hằng ngày tại trang Thông báo: {{ inbox_link | string.replace "/Inbox" "/Notifications" }}
        """;

    public const string MailDigestText = """
        {{ if daily }}Tổng hợp việc cần làm ngày {{ date }}{{ else }}Có {{ count }} việc cần nhắc hôm nay{{ end }}{{ if overdue_count > 0 }} ({{ overdue_count }} việc quá hạn){{ end }}
        Kính gửi đồng chí {{ recipient_name }},

        Đồng chí có {{ count }} việc cần xử lý{{ if overdue_count > 0 }}, trong đó {{ overdue_count }} việc đã quá hạn{{ end }}:

        {{ for item in items }}- {{ if item.escalation }}[Cấp dưới] {{ end }}{{ item.task_name }} – {{ item.subject_name }}: hạn {{ item.due }}, {{ item.status }}
        {{ end }}
        Xem tất cả trong hộp việc: {{ inbox_link }}
        """;
}
