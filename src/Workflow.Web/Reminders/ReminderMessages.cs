using Scriban.Runtime;
using Workflow.Web.Localization;
using Workflow.Web.Mail;

namespace Workflow.Web.Reminders;

/// <summary>What a reminder says: the bell's line, its link, and the models of the reminder and digest mail templates.</summary>
public sealed class ReminderMessages(MailOptions mail)
{
    public static int DaysLeft(Reminder r, DateOnly today) =>
        DateOnly.FromDateTime(VietnamTime.ToLocal(r.DueAtUtc)).DayNumber - today.DayNumber;

    public static string NotificationText(Reminder r, DateOnly today)
    {
        var subject = r.SubjectName.Length > 0 ? $" – {r.SubjectName}" : "";
        return r.Escalation
            ? $"Cấp dưới quá hạn: \"{r.TaskName}\"{subject}, hạn {VietnamTime.Format(r.DueAtUtc)}, {DueText.Status(DaysLeft(r, today))}."
            : $"Nhắc việc: \"{r.TaskName}\"{subject}, hạn {VietnamTime.Format(r.DueAtUtc)}, {DueText.Status(DaysLeft(r, today))}.";
    }

    /// <summary>The task in the inbox; for an escalation (the board above is not in the task's audience) the file.</summary>
    public static string Link(Reminder r, DueTask task) =>
        r.Escalation && task.FileId is { } file ? $"/Files/{file}"
        : task.ElementId.Length == 0 ? "/Inbox"
        : $"/Inbox?task={Uri.EscapeDataString(task.ElementId)}#t-{task.TaskId}";

    public ScriptObject SingleModel(Recipient person, Reminder r, DueTask task, DateOnly today)
    {
        var model = ItemModel(r, task, today);
        model["recipient_name"] = person.FullName;
        model["inbox_link"] = mail.BaseUrl.TrimEnd('/') + "/Inbox";
        return model;
    }

    private ScriptObject ItemModel(Reminder r, DueTask task, DateOnly today)
    {
        var daysLeft = DaysLeft(r, today);
        return new ScriptObject
        {
            ["task_name"] = r.TaskName, ["subject_name"] = r.SubjectName, ["due"] = VietnamTime.Format(r.DueAtUtc),
            ["days_left"] = daysLeft, ["status"] = DueText.Status(daysLeft), ["overdue"] = daysLeft < 0,
            ["escalation"] = r.Escalation, ["link"] = mail.BaseUrl.TrimEnd('/') + Link(r, task),
        };
    }

    public ScriptObject DigestModel(Recipient person, IReadOnlyList<Reminder> list, IReadOnlyDictionary<Guid, DueTask>? tasks, DateOnly today, bool daily)
    {
        var items = new ScriptArray();
        foreach (var r in list.OrderBy(r => r.DueAtUtc))
        {
            items.Add(tasks is not null && tasks.TryGetValue(r.TaskId, out var task)
                ? ItemModel(r, task, today)
                : ItemModel(r, new DueTask(r.TaskId, r.InstanceId, "", r.DueAtUtc, r.TaskName, null, null, r.SubjectName), today));
        }

        return new ScriptObject
        {
            ["recipient_name"] = person.FullName, ["items"] = items, ["count"] = list.Count,
            ["overdue_count"] = list.Count(r => DaysLeft(r, today) < 0), ["date"] = VietnamTime.Format(today), ["daily"] = daily,
            ["inbox_link"] = mail.BaseUrl.TrimEnd('/') + "/Inbox",
        };
    }
}
