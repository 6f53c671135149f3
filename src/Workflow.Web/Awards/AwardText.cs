using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>The Vietnamese words for the awards' states and choices (pages translate them through the resources).</summary>
public static class AwardText
{
    public static string Of(AwardRoundStatus status) => status switch
    {
        AwardRoundStatus.Proposing => "Ban Tổ chức đang đề xuất",
        AwardRoundStatus.Selecting => "Ban Thường vụ đang xét chọn",
        _ => "Đã có quyết định khen thưởng",
    };

    public static string Of(AwardProposalStatus status) => status switch
    {
        AwardProposalStatus.Examining => "Ban Tổ chức cấp trên đang thẩm định",
        AwardProposalStatus.Deciding => "Ban Thường vụ cấp trên đang xét",
        AwardProposalStatus.Returned => "Đã trả lại cấp dưới",
        _ => "Đã quyết định",
    };

    public static string Of(AwardEligibility eligibility) => eligibility switch
    {
        AwardEligibility.RatingThisYear => "Theo mức xếp loại năm nay",
        AwardEligibility.ConsecutiveYears => "Nhiều năm liền ở một mức",
        AwardEligibility.AwardHeld => "Đã được khen thưởng loại khác trong năm",
        AwardEligibility.TitleHeld => "Đạt danh hiệu thi đua trong năm",
        _ => "Đề cử theo phong trào",
    };

    public static string Of(AwardIssuer issuer) => issuer == AwardIssuer.Province ? "Ban Thường vụ Tỉnh ủy" : "Ban Thường vụ cấp ủy";

    public static string Of(EmulationTitle title) => title switch
    {
        EmulationTitle.AdvancedWorker => "Lao động tiên tiến",
        EmulationTitle.EmulationFighter => "Chiến sĩ thi đua cơ sở",
        EmulationTitle.AdvancedCollective => "Tập thể lao động tiên tiến",
        _ => "Tập thể lao động xuất sắc",
    };

    public static string Group(bool individuals) => individuals ? "Cá nhân" : "Tập thể";

    /// <summary>Why a computed candidate is one.</summary>
    public static Message Basis(AwardRule kind, int year) => kind.Eligibility switch
    {
        AwardEligibility.RatingThisYear => (Message)$"{RatingText.Code(kind.Level)} năm {year}",
        AwardEligibility.ConsecutiveYears => (Message)$"{RatingText.Code(kind.Level)} {kind.Years} năm liền ({year - kind.Years + 1}–{year})",
        AwardEligibility.AwardHeld => (Message)$"Đã được tặng {kind.HeldCode} năm {year}",
        AwardEligibility.TitleHeld => (Message)$"Đạt danh hiệu {(Message)Of(kind.HeldTitle ?? EmulationTitle.EmulationFighter)} năm {year}",
        _ => (Message)"",
    };
}
