using System.Globalization;
using Workflow.Engine;
using Workflow.Web.Awards;
using Workflow.Web.Org;
using Workflow.Web.Ratings;

namespace Workflow.Web.Imports;

/// <summary>
/// Checks and applies rows, one at a time, against the <see cref="ImportDirectory"/>: every cell checked, every problem
/// named with its line and column; matching by the stable code when the row has one, otherwise by name under the parent
/// (an ambiguous name is an error, never a guess). Applying a row only updates the directory and queues its writes in
/// <see cref="ImportWrites"/>; a dry run throws the writes away, a run flushes them once per batch. A row that matches
/// what is held changes nothing, so importing the same file twice writes nothing the second time. A result the product
/// recorded from a Decision is never overwritten by a sheet.
/// </summary>
public sealed class ImportProcessor(ImportDirectory directory, ImportJob job, DateOnly today)
{
    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "yyyy-MM-dd", "d.M.yyyy"];

    /// <summary>Folded forms of the short values a sheet repeats (kinds, statuses, unit names and codes): folded once.</summary>
    private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);

    public ImportWrites Writes { get; private set; } = new();

    private string Fold(string text)
    {
        if (text.Length > 80)
        {
            return ImportSheet.Fold(text);
        }

        if (!_folded.TryGetValue(text, out var folded))
        {
            folded = ImportSheet.Fold(text);
            if (_folded.Count < 20_000)
            {
                _folded[text] = folded;
            }
        }

        return folded;
    }

    public List<ImportError> Errors { get; } = [];

    public ImportWrites TakeWrites()
    {
        var writes = Writes;
        Writes = new ImportWrites();
        return writes;
    }

    public RowOutcome Apply(ImportRow row)
    {
        var before = Errors.Count;
        var outcome = job.Kind switch
        {
            ImportKind.Units => Unit(row),
            ImportKind.Members => Member(row),
            ImportKind.Results => Result(row),
            _ => User(row),
        };
        return Errors.Count > before ? RowOutcome.Error : outcome;
    }

    private void Fail(ImportRow row, string column, Message message) => Errors.Add(ImportError.Of(row.Line, Header(column), message));

    private string Header(string key) => ImportColumn.Of(job.Kind).FirstOrDefault(c => c.Key == key)?.Header ?? "";

    private string? Text(ImportRow row, string key, int max)
    {
        var value = row[key].Trim();
        if (value.Length > max)
        {
            Fail(row, key, $"dài quá {max} ký tự.");
            return null;
        }

        return value.Length == 0 ? null : value;
    }

    private DateOnly? Date(ImportRow row, string key, bool required)
    {
        var text = row[key].Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(row, key, "cần ghi ngày (dd/mm/yyyy).");
            }

            return null;
        }

        if (FastDate(text) is { } quick)
        {
            if (quick.Year < 1900 || quick > today)
            {
                Fail(row, key, $"ngày '{text}' không hợp lệ (trước năm 1900 hoặc sau hôm nay).");
                return null;
            }

            return quick;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 80000
                && (date = DateOnly.FromDateTime(DateTime.FromOADate(serial))) != default))
        {
            if (date.Year < 1900 || date > today)
            {
                Fail(row, key, $"ngày '{text}' không hợp lệ (trước năm 1900 hoặc sau hôm nay).");
                return null;
            }

            return date;
        }

        Fail(row, key, $"'{text}' không phải ngày (ghi dd/mm/yyyy).");
        return null;
    }

    /// <summary>"dd/mm/yyyy" (one or two digits for day and month) read without the culture machinery; null for anything else.</summary>
    private static DateOnly? FastDate(string text)
    {
        var first = text.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('/', first + 1);
        if (first is < 1 or > 2 || second - first is < 2 or > 3 || text.Length - second != 5)
        {
            return null;
        }

        return int.TryParse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(text.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(text.AsSpan(second + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && m is >= 1 and <= 12 && y is >= 1 and <= 9999 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }

    /// <summary>The unit a row names: by code, or by name (under the parent when given); not found and ambiguous are errors.</summary>
    private UnitEntry? FindUnit(ImportRow row, string codeKey, string nameKey, string parentKey, bool required = true)
    {
        var code = row[codeKey].Trim();
        var name = row[nameKey].Trim();
        var parent = row[parentKey].Trim();
        if (code.Length > 0)
        {
            var byCode = directory.UnitsByCode.GetValueOrDefault(Fold(code)) ?? [];
            switch (byCode.Count)
            {
                case 1: return byCode[0];
                case 0: Fail(row, codeKey, $"không tìm thấy đơn vị có mã '{code}'."); return null;
                default: Fail(row, codeKey, $"mã '{code}' trùng ở {byCode.Count} đơn vị."); return null;
            }
        }

        if (name.Length == 0)
        {
            if (required)
            {
                Fail(row, nameKey, $"cần ghi '{Header(nameKey)}' hoặc '{Header(codeKey)}'.");
            }

            return null;
        }

        var candidates = directory.UnitsByName.GetValueOrDefault(Fold(name)) ?? [];
        if (parent.Length > 0)
        {
            var folded = Fold(parent);
            candidates = candidates.Where(u => u.ParentId is { } p && directory.Units.TryGetValue(p, out var up)
                && (Fold(up.Name) == folded || (up.Code is { } c && Fold(c) == folded))).ToList();
        }

        switch (candidates.Count)
        {
            case 1: return candidates[0];
            case 0:
                Fail(row, nameKey, parent.Length > 0 ? $"không tìm thấy '{name}' dưới '{parent}'." : $"không tìm thấy đơn vị '{name}'.");
                return null;
            default:
                Fail(row, nameKey, $"'{name}' trùng tên ở {candidates.Count} nơi: ghi thêm cột '{Header(parentKey)}' hoặc '{Header(codeKey)}'.");
                return null;
        }
    }

    private RowOutcome Unit(ImportRow row)
    {
        var name = Text(row, "name", 300);
        var code = Text(row, "code", 50);
        var kind = ParseKind(row["kind"]);
        if (name is null && row["name"].Length == 0)
        {
            Fail(row, "name", "cần ghi tên đơn vị.");
        }

        if (kind is null)
        {
            Fail(row, "kind", $"'{row["kind"]}' không phải loại đơn vị (Đảng bộ trực thuộc, Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc).");
        }

        var hasCommittee = ParseYesNo(row, "hasCommittee");
        var parent = row["parentCode"].Length > 0 || row["parent"].Length > 0
            ? FindUnit(row, "parentCode", "parent", "__none")
            : directory.Units.GetValueOrDefault(job.ScopeUnitId);
        if (name is null || kind is not { } k || parent is null)
        {
            return RowOutcome.Error;
        }

        if (!OrgText.CanContain(parent.Kind, k))
        {
            Fail(row, "kind", $"{OrgText.Of(k)} không thể trực thuộc {OrgText.Of(parent.Kind)} '{parent.Name}'.");
            return RowOutcome.Error;
        }

        UnitEntry? existing = null;
        if (code is not null)
        {
            var byCode = directory.UnitsByCode.GetValueOrDefault(Fold(code)) ?? [];
            if (byCode.Count > 1)
            {
                Fail(row, "code", $"mã '{code}' trùng ở {byCode.Count} đơn vị.");
                return RowOutcome.Error;
            }

            existing = byCode.FirstOrDefault();
        }

        existing ??= (directory.UnitsByName.GetValueOrDefault(Fold(name)) ?? []).FirstOrDefault(u => u.ParentId == parent.Id);
        if (existing is null)
        {
            var id = Uuid7.New();
            var unit = new UnitEntry { Id = id, ParentId = parent.Id, Name = name, Code = code, Path = Org.Unit.PathUnder(new Org.Unit { Name = parent.Name, Path = parent.Path }, id), Depth = parent.Depth + 1, Kind = k, HasCommittee = hasCommittee ?? false };
            directory.Add(unit);
            Writes.NewUnits.Add(unit);
            return RowOutcome.Created;
        }

        if (existing.ParentId != parent.Id)
        {
            Fail(row, "parent", $"'{existing.Name}' (mã '{existing.Code}') đang trực thuộc đơn vị khác; chuyển đơn vị làm trong trang Đơn vị.");
            return RowOutcome.Error;
        }

        if (existing.Name == name && existing.Kind == k && (code is null || existing.Code == code) && (hasCommittee is null || existing.HasCommittee == hasCommittee))
        {
            return RowOutcome.Unchanged;
        }

        directory.Rename(existing, name, code ?? existing.Code);
        existing.Kind = k;
        existing.HasCommittee = hasCommittee ?? existing.HasCommittee;
        Writes.ChangedUnits.Add(existing);
        return RowOutcome.Updated;
    }

    private RowOutcome Member(ImportRow row)
    {
        var name = Text(row, "name", 200);
        if (row["name"].Length == 0)
        {
            Fail(row, "name", "cần ghi họ và tên.");
        }

        var code = Text(row, "code", 50);
        var birth = Date(row, "birth", true);
        var joined = Date(row, "joined", true);
        var position = Text(row, "position", 300);
        var unit = FindUnit(row, "unitCode", "unit", "parent");
        bool? female = Fold(row["gender"]) switch { "" => null, "nam" or "m" => false, "nu" or "f" => true, _ => Invalid(row, "gender", $"'{row["gender"]}' không phải giới tính (Nam/Nữ).") };
        var form = row["form"].Trim().ToUpperInvariant() switch { "" => null, "2A" or "A" => "2A", "2B" or "B" => "2B", "2C" or "C" => "2C", _ => InvalidText(row, "form", $"'{row["form"]}' không phải loại mẫu (2A, 2B, 2C).") };
        MemberStatus? status = Fold(row["status"]) switch { "" or "chinh thuc" => MemberStatus.Official, "du bi" => MemberStatus.Probationary, _ => InvalidStatus(row) };
        if (birth is { } b && joined is { } j && j < b.AddYears(16))
        {
            Fail(row, "joined", "ngày vào Đảng phải sau ngày sinh ít nhất 16 năm.");
        }

        if (unit is not null && unit.Kind is UnitKind.Province or UnitKind.DirectCommittee or UnitKind.GrassrootsCommittee)
        {
            Fail(row, "unit", $"'{unit.Name}' không phải chi bộ: đảng viên sinh hoạt ở chi bộ.");
            return RowOutcome.Error;
        }

        if (name is null || birth is null || joined is null || unit is null || status is null)
        {
            return RowOutcome.Error;
        }

        MemberEntry? existing = null;
        var foldedName = ImportSheet.Fold(name);
        if (code is not null)
        {
            existing = directory.MembersByCode.GetValueOrDefault(Fold(code));
        }
        else
        {
            var same = (directory.MembersByName.GetValueOrDefault((unit.Id, foldedName)) ?? []).Where(m => m.Birth == birth).ToList();
            if (same.Count > 1)
            {
                Fail(row, "name", $"có {same.Count} đảng viên '{name}' cùng ngày sinh ở '{unit.Name}': ghi thêm cột 'Mã đảng viên'.");
                return RowOutcome.Error;
            }

            existing = same.FirstOrDefault();
        }

        var values = new MemberValues(unit.Id, name, code ?? existing?.Code, birth.Value, female ?? false, status.Value, joined.Value, position, form) { SearchName = foldedName };
        if (existing is null)
        {
            var entry = new MemberEntry { Id = Uuid7.New(), UnitId = unit.Id, Name = name, Code = code, Birth = birth.Value };
            directory.Add(entry, foldedName);
            Writes.NewMembers.Add((entry.Id, values));
            return RowOutcome.Created;
        }

        // A matched member may still differ in the columns the directory does not hold: the run compares them with the row.
        if (existing.UnitId != unit.Id || existing.Name != name)
        {
            directory.Move(existing, unit.Id, name);
        }

        existing.Birth = birth.Value;
        Writes.MaybeChangedMembers.Add((existing.Id, values));
        return RowOutcome.Unchanged;
    }

    private bool? Invalid(ImportRow row, string key, Message message)
    {
        Fail(row, key, message);
        return null;
    }

    private string? InvalidText(ImportRow row, string key, Message message)
    {
        Fail(row, key, message);
        return null;
    }

    private MemberStatus? InvalidStatus(ImportRow row)
    {
        Fail(row, "status", $"'{row["status"]}' không phải trạng thái (Chính thức, Dự bị).");
        return null;
    }

    private RowOutcome Result(ImportRow row)
    {
        var year = int.TryParse(row["year"].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1990 && y < today.Year ? y : (int?)null;
        if (year is null)
        {
            // Prior years only: this year's results come from the product's own round and Decision.
            Fail(row, "year", $"'{row["year"]}' không phải năm hợp lệ (từ 1990 đến {today.Year - 1}).");
        }

        SubjectType? type = Fold(row["type"]) switch
        {
            "dang vien" or "ca nhan" or "dv" => SubjectType.Member,
            "to chuc co so dang" or "tccs dang" or "tccs" or "to chuc dang" or "to chuc" => SubjectType.GrassrootsOrganization,
            "tap the cap uy" or "tap the" or "cap uy" => SubjectType.CommitteeCollective,
            _ => null,
        };
        if (type is null)
        {
            Fail(row, "type", $"'{row["type"]}' không phải đối tượng (Đảng viên, Tổ chức cơ sở đảng, Tập thể cấp ủy).");
        }

        RatingLevel? level = null;
        if (row["level"].Trim().Length > 0)
        {
            level = RatingText.ParseLevel(row["level"]) ?? RatingText.Levels.Cast<RatingLevel?>().FirstOrDefault(l => Fold(RatingText.Name(l!.Value)) == Fold(row["level"]));
            if (level is null)
            {
                Fail(row, "level", $"'{row["level"]}' không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV).");
            }
        }

        AwardRule? kind = null;
        if (row["award"].Trim().Length > 0 && !directory.Kinds.TryGetValue(Fold(row["award"]), out kind))
        {
            Fail(row, "award", $"không có hình thức khen thưởng '{row["award"]}' (ghi mã hoặc tên như trong Quản trị → Hình thức khen thưởng).");
        }
        else if (kind is { Issuer: AwardIssuer.Province } && directory.Units[job.ScopeUnitId].Kind != UnitKind.Province)
        {
            // A province's award is recorded as the province's: imported at the province, not under a committee's name.
            Fail(row, "award", $"'{kind.Name}' do Ban Thường vụ Tỉnh ủy tặng: nhập ở cấp tỉnh.");
        }

        EmulationTitle? title = null;
        if (row["title"].Trim().Length > 0)
        {
            title = ParseTitle(row["title"]);
            if (title is null)
            {
                Fail(row, "title", $"'{row["title"]}' không phải danh hiệu (LĐTT, CSTĐCS, TTLĐTT, TTLĐXS).");
            }
            else if ((title is EmulationTitle.AdvancedWorker or EmulationTitle.EmulationFighter) != (type == SubjectType.Member))
            {
                Fail(row, "title", $"danh hiệu '{row["title"]}' không dành cho {(type == SubjectType.Member ? "cá nhân" : "tập thể")}.");
            }
        }

        if (row["level"].Trim().Length == 0 && row["award"].Trim().Length == 0 && row["title"].Trim().Length == 0)
        {
            Fail(row, "level", "dòng không có xếp loại, khen thưởng hay danh hiệu nào.");
        }

        var decision = Text(row, "decision", 100);
        if (year is null || type is null || Errors.Count > 0 && Errors[^1].Row == row.Line)
        {
            return RowOutcome.Error;
        }

        var subject = type == SubjectType.Member ? FindMemberSubject(row) : FindUnitSubject(row);
        if (subject is null)
        {
            return RowOutcome.Error;
        }

        var (subjectId, subjectName, unit) = subject.Value;
        var outcome = RowOutcome.Unchanged;
        if (level is { } l)
        {
            var key = (type.Value, subjectId, year.Value);
            if (directory.Ratings.TryGetValue(key, out var held))
            {
                if (!held.Imported && held.Level != l)
                {
                    Fail(row, "level", $"năm {year} đã có kết quả theo Quyết định trong hệ thống ({RatingText.Code(held.Level)}); bảng tính không ghi đè kết quả chính thức.");
                    return RowOutcome.Error;
                }

                if (held.Level != l)
                {
                    directory.Ratings[key] = (l, true, held.Id);
                    Writes.ChangedRatings.Add((held.Id, l, decision));
                    outcome = RowOutcome.Updated;
                }
            }
            else
            {
                var id = Uuid7.New();
                directory.Ratings[key] = (l, true, id);
                Writes.NewRatings.Add(new YearRating
                {
                    Id = id, SubjectType = type.Value, SubjectId = subjectId, SubjectName = subjectName, UnitId = unit.Id, UnitPath = unit.Path, Year = year.Value, Level = l,
                    DecisionNumber = decision ?? $"Nhập từ tệp {job.FileName}", Imported = true,
                });
                outcome = RowOutcome.Created;
            }
        }

        if (kind is not null)
        {
            var number = decision ?? $"Nhập dữ liệu năm {year}";
            var issuer = job.ScopeUnitId;
            if (!directory.Decisions.TryGetValue((issuer, number), out var awardDecision))
            {
                awardDecision = (Uuid7.New(), true);
                directory.Decisions[(issuer, number)] = awardDecision;
                Writes.NewDecisions.Add((awardDecision.Id, issuer, number, year.Value));
            }
            else if (!awardDecision.Imported)
            {
                Fail(row, "decision", $"Quyết định số {number} đã ban hành trong hệ thống; khen thưởng trong đó không nhập từ bảng tính.");
                return RowOutcome.Error;
            }

            if (directory.Grants.Add((awardDecision.Id, kind.Id, type.Value, subjectId)))
            {
                Writes.NewGrants.Add(new AwardGrant
                {
                    AwardDecisionId = awardDecision.Id, AwardRuleId = kind.Id, Year = year.Value, SubjectType = type.Value, SubjectId = subjectId, SubjectName = subjectName,
                    UnitId = unit.Id, UnitPath = unit.Path, UnitName = unit.Name, Reason = kind.Reason.Replace("{year}", year.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                        .Replace("{from}", (year.Value - kind.Years + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                });
                outcome = outcome == RowOutcome.Unchanged ? RowOutcome.Created : outcome;
            }
        }

        if (title is { } t)
        {
            var scope = directory.Units[job.ScopeUnitId];
            if (!directory.TitleRounds.TryGetValue((scope.Id, year.Value), out var round))
            {
                round = (Uuid7.New(), true);
                directory.TitleRounds[(scope.Id, year.Value)] = round;
                Writes.NewTitleRounds.Add((round.Id, scope.Id, scope.Path, scope.Name, year.Value, decision));
            }
            else if (!round.Imported)
            {
                Fail(row, "title", $"danh sách danh hiệu năm {year} của {scope.Name} đang làm trong hệ thống; không nhập từ bảng tính.");
                return RowOutcome.Error;
            }

            if (directory.TitleLines.Add((round.Id, t, subjectId)))
            {
                Writes.NewTitleLines.Add(new TitleLine
                {
                    RoundId = round.Id, Title = t, SubjectType = type == SubjectType.Member ? SubjectType.Member : SubjectType.GrassrootsOrganization, SubjectId = subjectId,
                    SubjectName = subjectName, UnitId = unit.Id, UnitPath = unit.Path, Year = year.Value, Granted = true,
                });
                outcome = outcome == RowOutcome.Unchanged ? RowOutcome.Created : outcome;
            }
        }

        return outcome;
    }

    private (Guid Id, string Name, UnitEntry Unit)? FindMemberSubject(ImportRow row)
    {
        var code = row["code"].Trim();
        if (code.Length > 0)
        {
            if (directory.MembersByCode.GetValueOrDefault(Fold(code)) is { } byCode)
            {
                return (byCode.Id, byCode.Name, directory.Units[byCode.UnitId]);
            }

            Fail(row, "code", $"không tìm thấy đảng viên có mã '{code}'.");
            return null;
        }

        var unit = FindUnit(row, "unitCode", "unit", "parent");
        if (unit is null)
        {
            return null;
        }

        var name = row["name"].Trim();
        var birth = Date(row, "birth", false);
        var same = (directory.MembersByName.GetValueOrDefault((unit.Id, Fold(name))) ?? []).Where(m => birth is null || m.Birth == birth).ToList();
        switch (same.Count)
        {
            case 1: return (same[0].Id, same[0].Name, unit);
            case 0: Fail(row, "name", $"không tìm thấy đảng viên '{name}' ở '{unit.Name}'."); return null;
            default: Fail(row, "name", $"có {same.Count} đảng viên '{name}' ở '{unit.Name}': ghi thêm 'Ngày sinh' hoặc 'Mã'."); return null;
        }
    }

    private (Guid Id, string Name, UnitEntry Unit)? FindUnitSubject(ImportRow row)
    {
        // The unit rated is named by its code or its name; its parent by either parent column.
        var parentKey = row["parent"].Length > 0 ? "parent" : "unit";
        var unit = FindUnit(row, "code", "name", parentKey);
        return unit is null ? null : (unit.Id, unit.Name, unit);
    }

    private EmulationTitle? ParseTitle(string text) => Fold(text) switch
    {
        "ldtt" or "lao dong tien tien" => EmulationTitle.AdvancedWorker,
        "cstdcs" or "chien si thi dua co so" or "chien si thi dua cap co so" => EmulationTitle.EmulationFighter,
        "ttldtt" or "tap the lao dong tien tien" => EmulationTitle.AdvancedCollective,
        "ttldxs" or "tap the lao dong xuat sac" => EmulationTitle.ExcellentCollective,
        _ => null,
    };

    private UnitKind? ParseKind(string text) => Fold(text) switch
    {
        "dang bo truc thuoc" or "dang bo cap tren co so" or "huyen uy" or "dang uy khoi" => UnitKind.DirectCommittee,
        "dang bo co so" => UnitKind.GrassrootsCommittee,
        "chi bo co so" => UnitKind.GrassrootsBranch,
        "chi bo truc thuoc" or "chi bo" => UnitKind.AffiliatedBranch,
        _ => null,
    };

    private bool? ParseYesNo(ImportRow row, string key) => Fold(row[key]) switch
    {
        "" => null,
        "co" or "x" or "1" or "yes" => true,
        "khong" or "0" or "no" => false,
        _ => Invalid(row, key, $"'{row[key]}' cần ghi Có hoặc Không."),
    };

    /// <summary>Roles an import may give (never Admin or the automatic worker: those are given by hand).</summary>
    private static readonly string[] ImportableRoles =
        [Roles.StandingCommittee, Roles.OrganizationBoard, Roles.InspectionCommittee, Roles.BranchSecretary, Roles.Member, Roles.EmulationCouncil, Roles.EmulationCouncilHead];

    private RowOutcome User(ImportRow row)
    {
        var userName = row["userName"].Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, "^[a-zA-Z0-9._-]{3,64}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Fail(row, "userName", $"'{userName}' không hợp lệ: 3–64 ký tự chữ không dấu, số, dấu chấm, gạch.");
        }

        var name = Text(row, "name", 200);
        if (row["name"].Length == 0)
        {
            Fail(row, "name", "cần ghi họ và tên.");
        }

        var email = Text(row, "email", 256);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            Fail(row, "email", $"'{email}' không phải địa chỉ thư.");
        }

        var role = ImportableRoles.FirstOrDefault(r => Fold(Roles.DisplayName(r)) == Fold(row["role"]) || string.Equals(r, row["role"].Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            Fail(row, "role", $"'{row["role"]}' không phải vai trò nhập được ({string.Join(", ", ImportableRoles.Select(Roles.DisplayName))}).");
        }

        var password = row["password"];
        if (password.Length < 8)
        {
            Fail(row, "password", "mật khẩu ban đầu cần ít nhất 8 ký tự.");
        }

        var unit = FindUnit(row, "unitCode", "unit", "parent");
        if (name is null || role is null || unit is null || Errors.Count > 0 && Errors[^1].Row == row.Line)
        {
            return RowOutcome.Error;
        }

        if (!directory.UserNames.Add(userName.ToUpperInvariant()))
        {
            // Held already (or earlier in the sheet): accounts are created once; their roles and passwords change in Quản trị → Người dùng.
            return RowOutcome.Unchanged;
        }

        Writes.NewUsers.Add(new UserValues(row.Line, userName, name, email, role, unit.Id, password));
        return RowOutcome.Created;
    }
}
