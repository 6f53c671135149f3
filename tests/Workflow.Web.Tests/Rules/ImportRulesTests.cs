using System.Globalization;
using System.Text;
using Workflow.Web.Imports;
using Workflow.Web.Org;

namespace Workflow.Web.Tests.Rules;

/// <summary>Pure rules of the import: folding names for matching, reading .csv files, checking rows against a directory held in memory.</summary>
public sealed class ImportRulesTests
{
    [Theory]
    [InlineData("Đảng bộ Sở Công Thương", "dang bo so cong thuong")]
    [InlineData("  CHI BỘ   Văn  phòng ", "chi bo van phong")]
    [InlineData("Nguyễn Thị Ánh Tuyết", "nguyen thi anh tuyet")]
    [InlineData("Bi\u0300nh Giang", "binh giang")]
    [InlineData("ĐUK-01\tHà Nội", "duk-01 ha noi")]
    public void Folding_drops_marks_lowers_and_collapses_spaces(string text, string folded) => Assert.Equal(folded, TextFolding.Fold(text));

    [Fact]
    public void Folding_every_Vietnamese_letter_agrees_with_the_decomposition()
    {
        const string letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        foreach (var c in letters + letters.ToUpper(CultureInfo.GetCultureInfo("vi-VN")))
        {
            var expected = new string(c.ToString().Normalize(NormalizationForm.FormD).Where(x => CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark)
                .Select(x => x is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(x)).ToArray());
            Assert.Equal(expected, TextFolding.Fold(c.ToString()));
        }
    }

    [Fact]
    public void A_csv_reads_with_its_own_separator_quotes_and_line_numbers()
    {
        var csv = "\uFEFFHọ và tên;Ngày sinh;Mã đơn vị;Ngày vào Đảng;Cột lạ\r\n\"Trần \"\"Bé\"\" Ba\";01/02/1980;SCT;\"03/04/2005\";x\r\n\r\n\"Lê Văn\nTư\";05/06/1985;SCT;07/08/2010;\r\n";
        var (rows, ignored) = ImportSheet.Read(Encoding.UTF8.GetBytes(csv), "dv.csv", ImportKind.Members);
        Assert.Equal(["Cột lạ"], ignored);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("Trần \"Bé\" Ba", "01/02/1980", 2), (rows[0]["name"], rows[0]["birth"], rows[0].Line));
        Assert.Equal(("Lê Văn\nTư", 4), (rows[1]["name"], rows[1].Line));
        Assert.Equal("", rows[1]["gender"]);

        var plain = "Họ và tên,Ngày sinh,Mã đơn vị,Ngày vào Đảng\n\nAn,01/02/1980,SCT,03/04/2005\n";
        var (plainRows, _) = ImportSheet.Read(Encoding.UTF8.GetBytes(plain), "dv.csv", ImportKind.Members);
        Assert.Equal(3, Assert.Single(plainRows).Line);
    }

    [Fact]
    public void A_row_is_matched_by_code_then_by_name_under_its_parent_and_an_ambiguous_name_is_an_error()
    {
        var directory = new ImportDirectory();
        var province = new UnitEntry { Id = Guid.NewGuid(), Name = "Tỉnh ủy", Code = "TU", Path = "/p/", Kind = UnitKind.Province };
        var a = new UnitEntry { Id = Guid.NewGuid(), ParentId = province.Id, Name = "Đảng bộ A", Code = "A", Path = "/p/a/", Depth = 1, Kind = UnitKind.GrassrootsCommittee };
        var b = new UnitEntry { Id = Guid.NewGuid(), ParentId = province.Id, Name = "Đảng bộ B", Path = "/p/b/", Depth = 1, Kind = UnitKind.GrassrootsCommittee };
        var officeA = new UnitEntry { Id = Guid.NewGuid(), ParentId = a.Id, Name = "Chi bộ Văn phòng", Path = "/p/a/o/", Depth = 2, Kind = UnitKind.AffiliatedBranch };
        var officeB = new UnitEntry { Id = Guid.NewGuid(), ParentId = b.Id, Name = "Chi bộ Văn phòng", Code = "B-VP", Path = "/p/b/o/", Depth = 2, Kind = UnitKind.AffiliatedBranch };
        foreach (var u in new[] { province, a, b, officeA, officeB })
        {
            directory.Add(u);
        }

        var job = new ImportJob { Kind = ImportKind.Members, ScopeUnitId = province.Id, FileName = "dv.csv", CreatedBy = "test" };
        var processor = new ImportProcessor(directory, job, new DateOnly(2026, 12, 4));
        var index = ImportColumn.Of(ImportKind.Members).Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        ImportRow Row(int line, string name, string unit, string parent, string unitCode = "", string birth = "01/01/1980") =>
            new(line, ImportColumn.Of(ImportKind.Members).Select(c => c.Key switch
            {
                "name" => name, "birth" => birth, "unit" => unit, "parent" => parent, "unitCode" => unitCode, "joined" => "01/01/2010", _ => "",
            }).ToArray(), index);

        Assert.Equal(RowOutcome.Created, processor.Apply(Row(2, "An", "chi bo van phong", "Đảng bộ A")));
        Assert.Equal(RowOutcome.Created, processor.Apply(Row(3, "Bình", "", "", unitCode: "b-vp")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(4, "Chi", "Chi bộ Văn phòng", "")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(5, "Dũng", "Chi bộ Văn phòng", "Đảng bộ C")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(6, "Em", "Chi bộ Văn phòng", "Đảng bộ A", birth: "29/02/2023")));
        Assert.Equal(RowOutcome.Unchanged, processor.Apply(Row(7, "AN", "Chi bộ Văn phòng", "Đảng bộ A")));
        Assert.Equal(
        [
            "Dòng 4, cột 'Đơn vị': 'Chi bộ Văn phòng' trùng tên ở 2 nơi: ghi thêm cột 'Đơn vị cấp trên' hoặc 'Mã đơn vị'.",
            "Dòng 5, cột 'Đơn vị': không tìm thấy 'Chi bộ Văn phòng' dưới 'Đảng bộ C'.",
            "Dòng 6, cột 'Ngày sinh': '29/02/2023' không phải ngày (ghi dd/mm/yyyy).",
        ], processor.Errors.Select(e => e.Line.ToString()));
        Assert.Equal(2, processor.TakeWrites().NewMembers.Count);
    }

    [Fact]
    public void Results_are_for_prior_years_never_overwrite_a_Decision_and_leave_the_provinces_awards_to_the_province()
    {
        var directory = new ImportDirectory();
        var committee = new UnitEntry { Id = Guid.NewGuid(), Name = "Huyện ủy Thử", Code = "HU", Path = "/h/", Kind = UnitKind.DirectCommittee };
        var branch = new UnitEntry { Id = Guid.NewGuid(), ParentId = committee.Id, Name = "Chi bộ xã Một", Code = "X1", Path = "/h/x/", Depth = 1, Kind = UnitKind.GrassrootsBranch };
        directory.Add(committee);
        directory.Add(branch);
        var merit = new Workflow.Web.Awards.AwardRule { Code = "GK-TTXS", Name = "Giấy khen thành tích xuất sắc", Title = "GIẤY KHEN", SerialKind = "GK", Reason = "Có thành tích xuất sắc năm {year}" };
        var province = new Workflow.Web.Awards.AwardRule { Code = "BK-TU", Name = "Bằng khen của Ban Thường vụ Tỉnh ủy", Title = "BẰNG KHEN", SerialKind = "BK", Reason = "Đã có thành tích", Issuer = Workflow.Web.Awards.AwardIssuer.Province };
        directory.Kinds["gk-ttxs"] = merit;
        directory.Kinds["bk-tu"] = province;
        directory.Ratings[(Workflow.Web.Ratings.SubjectType.GrassrootsOrganization, branch.Id, 2023)] = (Workflow.Web.Ratings.RatingLevel.Good, false, Guid.NewGuid());
        var job = new ImportJob { Kind = ImportKind.Results, ScopeUnitId = committee.Id, FileName = "kq.xlsx", CreatedBy = "test" };
        var processor = new ImportProcessor(directory, job, new DateOnly(2026, 12, 4));
        var index = ImportColumn.Of(ImportKind.Results).Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        ImportRow Row(int line, string year, string level, string award = "") => new(line, ImportColumn.Of(ImportKind.Results).Select(c => c.Key switch
        {
            "year" => year, "type" => "Tổ chức cơ sở đảng", "code" => "X1", "name" => "Chi bộ xã Một", "level" => level, "award" => award, _ => "",
        }).ToArray(), index);

        Assert.Equal(RowOutcome.Created, processor.Apply(Row(2, "2022", "HTXSNV", "GK-TTXS")));
        Assert.Equal(RowOutcome.Unchanged, processor.Apply(Row(3, "2022", "HTXSNV", "gk-ttxs")));
        Assert.Equal(RowOutcome.Unchanged, processor.Apply(Row(4, "2023", "HTTNV")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(5, "2023", "HTXSNV")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(6, "2026", "HTXSNV")));
        Assert.Equal(RowOutcome.Error, processor.Apply(Row(7, "2022", "", "BK-TU")));
        Assert.Equal(
        [
            "Dòng 5, cột 'Xếp loại': năm 2023 đã có kết quả theo Quyết định trong hệ thống (HTTNV); bảng tính không ghi đè kết quả chính thức.",
            "Dòng 6, cột 'Năm': '2026' không phải năm hợp lệ (từ 1990 đến 2025).",
            "Dòng 7, cột 'Khen thưởng': 'Bằng khen của Ban Thường vụ Tỉnh ủy' do Ban Thường vụ Tỉnh ủy tặng: nhập ở cấp tỉnh.",
        ], processor.Errors.Select(e => e.Line.ToString()));
        var writes = processor.TakeWrites();
        Assert.Equal((1, 1, 1), (writes.NewRatings.Count, writes.NewGrants.Count, writes.NewDecisions.Count));
        Assert.Equal("Có thành tích xuất sắc năm 2022", writes.NewGrants[0].Reason);
    }
}
