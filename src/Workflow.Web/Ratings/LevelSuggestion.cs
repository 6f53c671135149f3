using System.Globalization;

namespace Workflow.Web.Ratings;

/// <summary>Computes the suggested level from answers, and lists what is missing or out of range.</summary>
public static class LevelSuggestion
{
    public static (RatingLevel? Level, decimal? Points, List<FieldError> Errors) Suggest(RuleSetDefinition rules, SubjectForm form, Answers answers)
    {
        var errors = new List<FieldError>();
        var grades = new List<Grade>();
        decimal points = 0;
        foreach (var criterion in form.Criteria)
        {
            var field = "criteria." + criterion.Code;
            var raw = answers.Criteria.GetValueOrDefault(criterion.Code);
            if (string.IsNullOrWhiteSpace(raw))
            {
                errors.Add(new(field, $"Chưa đánh giá tiêu chí \"{criterion.Title}\".", Missing: true));
                continue;
            }

            if (rules.Scoring == ScoringMode.Grades)
            {
                if (RatingText.ParseGrade(raw) is { } grade)
                {
                    grades.Add(grade);
                }
                else
                {
                    errors.Add(new(field, $"Tiêu chí \"{criterion.Title}\": mức \"{raw}\" không hợp lệ (XS, T, TB hoặc K)."));
                }
            }
            else if (decimal.TryParse(raw.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                && value >= 0 && value <= criterion.MaxPoints)
            {
                points += value;
            }
            else
            {
                errors.Add(new(field, $"Tiêu chí \"{criterion.Title}\": điểm phải là số từ 0 đến {criterion.MaxPoints}."));
            }
        }

        if (rules.Scoring == ScoringMode.Points)
        {
            CheckPercent(answers.OnTimePercent, "onTimePercent", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", errors);
            CheckPercent(answers.ExceedingPercent, "exceedingPercent", "Tỷ lệ nhiệm vụ vượt mức", errors);
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        foreach (var band in form.Bands)
        {
            if (Holds(band, grades, points, answers))
            {
                return (band.Level, rules.Scoring == ScoringMode.Points ? points : null, errors);
            }
        }

        return (RatingLevel.NotComplete, rules.Scoring == ScoringMode.Points ? points : null, errors);
    }

    private static void CheckPercent(decimal? value, string field, string label, List<FieldError> errors)
    {
        if (value is null)
        {
            errors.Add(new(field, $"Chưa nhập {label.ToLowerInvariant()}.", Missing: true));
        }
        else if (value is < 0 or > 100)
        {
            errors.Add(new(field, $"{label} phải từ 0 đến 100%."));
        }
    }

    private static bool Holds(Band band, List<Grade> grades, decimal points, Answers answers)
    {
        if (band.WorstGrade is { } worst && grades.Any(g => g > worst))
        {
            return false;
        }

        if (band.ShareGrade is { } shareGrade && band.MinShare is { } share
            && (grades.Count == 0 || grades.Count(g => g <= shareGrade) < share * grades.Count))
        {
            return false;
        }

        return (band.MinPoints is not { } min || points >= min)
            && (band.MinOnTimePercent is not { } onTime || (answers.OnTimePercent ?? 0) >= onTime)
            && (band.MinExceedingPercent is not { } exceeding || (answers.ExceedingPercent ?? 0) >= exceeding);
    }
}
