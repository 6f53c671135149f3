using System.Globalization;
using System.Text.RegularExpressions;
using Workflow.Web.Awards;
using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Rules;

/// <summary>
/// The awards' pure rules: limits per group, the award sentences of the seeds, the emulation titles' rules with their
/// numbers, reasons of the shipped kinds.
/// </summary>
public sealed class AwardRulesTests
{
    // The seeds' award sentences, quoted.
    private const string Seed000 = "trao Giấy khen cho 2 cá nhân và 11 tập thể có thành tích xuất sắc năm 2022, trong đó có Đảng bộ Sở Công Thương; 6 cá nhân đạt tiêu chuẩn "
        + "“Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022; 10 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm 2022; 14 tập thể và 2 cá nhân "
        + "có thành tích xuất sắc trong thực hiện Phong trào “Dân vận khéo” năm 2022./.";
    private const string Seed004Awards = "BCH Đảng bộ huyện tặng giấy khen cho 11 tập thể và 7 cá nhân có thành tích tiêu biểu trong phong trào thi đua xây dựng tổ chức cơ sở đảng "
        + "năm 2022. Đề nghị Tỉnh ủy xét, tặng bằng khen cho 01 tập thể, 01 cá nhân.";
    private const string Seed004Titles = "Năm 2022, toàn huyện có 39 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, trong đó, UBND tỉnh công nhận 08 tập thể đạt danh hiệu "
        + "“Tập thể lao động xuất sắc”, UBND huyện tặng giấy khen cho 12 tập thể, 54 cá nhân có thành tích tiêu biểu; công nhận 30 chiến sĩ thi đua cấp cơ sở.";

    [Theory]
    [InlineData(null, 20, 5, 1)]
    [InlineData(null, 20, 11, 2)]
    [InlineData(null, 20, 4, 0)]
    [InlineData(10, null, 100, 10)]
    [InlineData(10, 20, 100, 10)]
    [InlineData(30, 20, 100, 20)]
    public void A_limit_is_the_smaller_of_its_number_and_its_share_rounded_down(int? count, int? percent, int candidates, int expected) =>
        Assert.Equal(expected, AwardLimits.Max(count, percent, candidates));

    [Fact]
    public void No_limit_set_means_no_limit_and_a_refusal_names_the_kind_the_group_and_the_numbers()
    {
        Assert.Null(AwardLimits.Max(null, null, 500));
        Assert.Null(AwardLimits.Exceeded("Giấy khen tiêu biểu", false, 2, null, 20m, 11));
        var refusal = AwardLimits.Exceeded("Giấy khen tiêu biểu", false, 3, null, 20m, 11);
        Assert.Equal("Giấy khen tiêu biểu (tập thể): đã chọn 3, tối đa 2 (20% của 11 đối tượng đủ điều kiện).", refusal!.ToString());
        Assert.Equal("Bằng khen (cá nhân): đã chọn 11, tối đa 10.", AwardLimits.Exceeded("Bằng khen", true, 11, 10, null, 50)!.ToString());
    }

    [Fact]
    public void Seed_000s_award_sentence_comes_out_of_the_shipped_kinds_with_its_counts()
    {
        var kinds = ShippedAwardKinds.All().ToDictionary(k => k.Code);
        var tallies = new[]
        {
            new AwardTally(kinds[ShippedAwardKinds.Merit].ReasonFor(2022), 11, 2),
            new AwardTally(kinds[ShippedAwardKinds.FiveYears].ReasonFor(2022), 0, 6),
            new AwardTally(kinds[ShippedAwardKinds.Exemplary].ReasonFor(2022), 10, 0),
            new AwardTally(kinds[ShippedAwardKinds.SkilledMobilization].ReasonFor(2022), 14, 2),
            new AwardTally(kinds[ShippedAwardKinds.FourGood].ReasonFor(2022), 0, 0),
        };
        var sentence = AwardSentences.Sentence("Đảng ủy Các cơ quan tỉnh", "Giấy khen", tallies);
        Assert.Equal("Ban Thường vụ Đảng ủy Các cơ quan tỉnh tặng Giấy khen cho 11 tập thể và 2 cá nhân có thành tích xuất sắc năm 2022; 6 cá nhân đạt tiêu chuẩn "
            + "“Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022; 10 tập thể đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu năm 2022; 14 tập thể "
            + "và 2 cá nhân có thành tích xuất sắc trong thực hiện Phong trào “Dân vận khéo” năm 2022.", sentence);

        // Clause by clause against the seed: the last three word for word, the first with the same counts (the seed names individuals first).
        var ours = AwardSentences.Clauses(tallies).Split("; ");
        var seed = Seed000["trao Giấy khen cho ".Length..].TrimEnd('.', '/').Split("; ");
        Assert.Equal(seed[1..], ours[1..]);
        Assert.Equal(("2", "11"), Counts(seed[0]));
        Assert.Equal(("2", "11"), Counts(ours[0]));
        Assert.EndsWith("có thành tích xuất sắc năm 2022", ours[0], StringComparison.Ordinal);
        Assert.StartsWith(ours[0][ours[0].IndexOf("có thành tích", StringComparison.Ordinal)..], seed[0][seed[0].IndexOf("có thành tích", StringComparison.Ordinal)..], StringComparison.Ordinal);

        static (string Individuals, string Collectives) Counts(string clause) =>
            (Regex.Match(clause, @"(\d+) cá nhân").Groups[1].Value, Regex.Match(clause, @"(\d+) tập thể").Groups[1].Value);
    }

    [Fact]
    public void Seed_004s_award_and_proposal_sentences_come_out_with_its_counts()
    {
        var kind = ShippedAwardKinds.All().Single(k => k.Code == ShippedAwardKinds.BuildingGrassroots);
        var clause = AwardSentences.Clauses([new AwardTally(kind.ReasonFor(2022), 11, 7)]);
        Assert.Contains(clause, Seed004Awards, StringComparison.Ordinal);
        var proposal = AwardSentences.Proposal("Tỉnh ủy", "bằng khen", 1, 1);
        Assert.Equal("Đề nghị Tỉnh ủy xét, tặng bằng khen cho 1 tập thể và 1 cá nhân.", proposal);
        // The seed pads its numbers ("01 tập thể, 01 cá nhân"); the counts are the same.
        var seed = Regex.Match(Seed004Awards, @"Đề nghị Tỉnh ủy xét, tặng bằng khen cho (\d+) tập thể, (\d+) cá nhân");
        Assert.Equal((1, 1), (int.Parse(seed.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(seed.Groups[2].Value, CultureInfo.InvariantCulture)));
        Assert.Equal("", AwardSentences.Proposal("Tỉnh ủy", "bằng khen", 0, 0));
        Assert.Equal("", AwardSentences.Sentence("X", "Giấy khen", [new AwardTally("Có thành tích", 0, 0)]));
    }

    [Fact]
    public void The_shipped_kinds_reasons_fill_the_year_and_the_first_year_of_a_streak()
    {
        var kinds = ShippedAwardKinds.All().ToDictionary(k => k.Code);
        Assert.Equal("Đạt tiêu chuẩn “Hoàn thành xuất sắc nhiệm vụ” 5 năm liền, giai đoạn 2018 – 2022", kinds[ShippedAwardKinds.FiveYears].ReasonFor(2022));
        Assert.Equal("Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2022", kinds[ShippedAwardKinds.Excellent].ReasonFor(2022));
        Assert.True(kinds[ShippedAwardKinds.Excellent].WithRatingDecision);
        Assert.Single(kinds.Values, k => k.WithRatingDecision);
        Assert.Equal(AwardIssuer.Province, kinds[ShippedAwardKinds.ProvinceMerit].Issuer);
        Assert.Equal("BK", kinds[ShippedAwardKinds.ProvinceMerit].SerialKind);
        Assert.Equal(20m, kinds[ShippedAwardKinds.Exemplary].LimitPercent);
        Assert.Equal(kinds.Count, kinds.Values.Select(k => k.SortOrder).Distinct().Count());
    }

    /// <summary>Seed 004's titles: 39 TTLĐTT, 8 TTLĐXS (each with ten LĐTT and a CSTĐCS), 200 LĐTT, 30 CSTĐCS.</summary>
    private static (List<PersonFacts> People, List<CollectiveFacts> Collectives) Seed004World()
    {
        var people = new List<PersonFacts>();
        var collectives = new List<CollectiveFacts>();
        var fighters = 0;
        for (var c = 0; c < 39; c++)
        {
            var unit = Guid.NewGuid();
            var path = $"/p/{unit:N}/";
            collectives.Add(new CollectiveFacts(unit, $"Tập thể {c + 1}", path, Advanced: true, Excellent: c < 8));
            var size = c < 8 ? 10 : c < 38 ? 4 : 0;
            for (var i = 0; i < size; i++)
            {
                var fighter = fighters < 30 && (i == 0 || (c >= 8 && i == 1));
                fighters += fighter ? 1 : 0;
                people.Add(new PersonFacts(Guid.NewGuid(), $"Người {c + 1}-{i + 1}", unit, path, RatingLevel.Good, false, Worker: true, Fighter: fighter));
            }
        }

        return (people, collectives);
    }

    [Fact]
    public void Seed_004s_titles_pass_the_rules_and_give_its_sentence()
    {
        var (people, collectives) = Seed004World();
        Assert.Equal(200, people.Count(p => p.Worker));
        Assert.Equal(30, people.Count(p => p.Fighter));
        Assert.Empty(EmulationTitleRules.Check(new EmulationOptions(), people, collectives));
        var sentence = EmulationTitleRules.Sentence(39, 8, 200, 30);
        Assert.Equal("39 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”, trong đó 8 tập thể đạt danh hiệu “Tập thể lao động xuất sắc”; "
            + "200 cá nhân đạt danh hiệu “Lao động tiên tiến”; công nhận 30 chiến sĩ thi đua cấp cơ sở.", sentence);
        Assert.Contains("39 tập thể đạt danh hiệu “Tập thể lao động tiên tiến”", Seed004Titles, StringComparison.Ordinal);
        Assert.Contains("công nhận 30 chiến sĩ thi đua cấp cơ sở.", Seed004Titles, StringComparison.Ordinal);

        // Rounded down, 20% of 39 allows 7: the eighth is refused with the numbers.
        var down = EmulationTitleRules.Check(new EmulationOptions { Rounding = QuotaRounding.Down }, people, collectives);
        Assert.Equal("Tập thể lao động xuất sắc: đề nghị 8, tối đa 7 (20% của 39 Tập thể lao động tiên tiến).", Vietnamese(Assert.Single(down).Message));
    }

    [Fact]
    public void Every_title_rule_refuses_with_the_rule_and_the_numbers()
    {
        var unit = Guid.NewGuid();
        const string Path = "/p/u/";
        PersonFacts Person(int i, bool worker = true, bool fighter = false, RatingLevel? level = RatingLevel.Good, bool disciplined = false) =>
            new(Guid.NewGuid(), $"Người {i}", unit, Path, level, disciplined, worker, fighter);
        var people = new List<PersonFacts>
        {
            Person(1), Person(2), Person(3), Person(4), Person(5), Person(6, worker: false), Person(7, worker: false), Person(8, worker: false),
            Person(9, worker: false, fighter: true), Person(10, level: RatingLevel.Complete), Person(11, level: null, worker: false, disciplined: true),
        };
        var collectives = new List<CollectiveFacts> { new(unit, "Phòng Nội vụ", Path, Advanced: false, Excellent: true) };
        var errors = EmulationTitleRules.Check(new EmulationOptions(), people, collectives).Select(e => Vietnamese(e.Message)).ToList();
        Assert.Contains("Người 10: Lao động tiên tiến cần xếp loại HTTNV trở lên năm nay; xếp loại HTNV.", errors);
        Assert.Contains("Người 9: Chiến sĩ thi đua cơ sở chỉ xét trong số Lao động tiên tiến.", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("Chiến sĩ thi đua cơ sở: đề nghị", StringComparison.Ordinal)); // 1 of 6 workers: round(0.9) = 1 allowed
        Assert.Contains("Phòng Nội vụ: Tập thể lao động xuất sắc chỉ xét trong số Tập thể lao động tiên tiến.", errors);
        Assert.Contains("Phòng Nội vụ: 1/11 người chưa hoàn thành nhiệm vụ (hoặc chưa có xếp loại); Tập thể lao động xuất sắc cần mọi người hoàn thành nhiệm vụ.", errors);
        Assert.Contains("Phòng Nội vụ: Tập thể lao động xuất sắc cần ít nhất 70% Lao động tiên tiến; có 6/11 (54,55%).", errors);
        Assert.Contains("Phòng Nội vụ: có 1 người bị kỷ luật trong năm; Tập thể lao động xuất sắc cần không ai bị kỷ luật.", errors);
        Assert.Contains("Tập thể lao động xuất sắc: đề nghị 1, tối đa 0 (20% của 0 Tập thể lao động tiên tiến).", errors);
        // Two more fighters (workers too): 3 of 8 workers against round(1.2) = 1.
        people.Add(Person(12, fighter: true));
        people.Add(Person(13, fighter: true));
        var more = EmulationTitleRules.Check(new EmulationOptions(), people, collectives).Select(e => Vietnamese(e.Message)).ToList();
        Assert.Contains("Chiến sĩ thi đua cơ sở: đề nghị 3, tối đa 1 (15% của 8 Lao động tiên tiến).", more);
        Assert.DoesNotContain(more, e => e.StartsWith("Người 12: ", StringComparison.Ordinal));
    }

    private static string Vietnamese(Workflow.Engine.Message message) => message.Render(f => f, CultureInfo.GetCultureInfo("vi-VN"));
}
