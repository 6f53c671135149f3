using System.Globalization;

namespace Workflow.Web.Awards;

/// <summary>How many collectives and individuals received one award kind, and what for (its reason, as the kind words it).</summary>
public sealed record AwardTally(string Statement, int Collectives, int Individuals);

/// <summary>
/// The award sentences of the year-end reports (seed 000: "… trao Giấy khen cho 11 tập thể và 2 cá nhân có thành tích
/// xuất sắc năm 2022; 6 cá nhân đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022; …"):
/// one clause per award kind, its counts then its statement; kinds nobody received are left out.
/// </summary>
public static class AwardSentences
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>"11 tập thể và 2 cá nhân", "6 cá nhân", "10 tập thể"; empty when both are zero.</summary>
    public static string Counts(int collectives, int individuals) => (collectives, individuals) switch
    {
        (0, 0) => "",
        (> 0, 0) => $"{collectives} tập thể",
        (0, > 0) => $"{individuals} cá nhân",
        _ => $"{collectives} tập thể và {individuals} cá nhân",
    };

    /// <summary>A kind's reason as a clause: its first letter in lower case ("Có thành tích …" → "có thành tích …").</summary>
    public static string Statement(string reason) =>
        reason.Length == 0 ? reason : char.ToLower(reason[0], Vietnamese) + reason[1..];

    /// <summary>"11 tập thể và 2 cá nhân có thành tích xuất sắc năm 2022; 6 cá nhân đạt tiêu chuẩn …" (no final stop); empty when nobody received anything.</summary>
    public static string Clauses(IEnumerable<AwardTally> tallies) =>
        string.Join("; ", tallies.Where(t => t.Collectives + t.Individuals > 0).Select(t => $"{Counts(t.Collectives, t.Individuals)} {Statement(t.Statement)}"));

    /// <summary>
    /// "Ban Thường vụ Đảng ủy Các cơ quan tỉnh tặng Giấy khen cho 11 tập thể và 2 cá nhân …; …." for one title, or empty
    /// when nobody received it.
    /// </summary>
    public static string Sentence(string issuer, string kindName, IEnumerable<AwardTally> tallies)
    {
        var clauses = Clauses(tallies);
        return clauses.Length == 0 ? "" : $"Ban Thường vụ {issuer} tặng {kindName} cho {clauses}.";
    }

    /// <summary>"Đề nghị Tỉnh ủy xét, tặng Bằng khen cho 1 tập thể và 1 cá nhân." or empty.</summary>
    public static string Proposal(string upper, string kindName, int collectives, int individuals)
    {
        var counts = Counts(collectives, individuals);
        return counts.Length == 0 ? "" : $"Đề nghị {upper} xét, tặng {kindName} cho {counts}.";
    }
}
