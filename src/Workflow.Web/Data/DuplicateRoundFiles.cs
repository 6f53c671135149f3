namespace Workflow.Web.Data;

/// <summary>
/// Before a subject's file became unique per round, an opening resumed twice could write a subject's file (and its
/// workflow instance) more than once. The migration that adds the unique keys first removes the later copies nobody has
/// touched (status "opened", nothing entered), with their instances; a copy someone worked on stops the migration
/// with the database's own message, to be settled by hand. The SQL runs on SQLite and PostgreSQL alike.
/// </summary>
public static class DuplicateRoundFiles
{
    // A later copy: another file of the same round and subject with a smaller (earlier, time-ordered) id.
    private const string Later = """
        SELECT f."Id" FROM "Files" f WHERE f."Status" = 0 AND EXISTS (SELECT 1 FROM "Files" g WHERE g."RoundId" = f."RoundId" AND g."Id" < f."Id"
          AND ((f."MemberId" IS NOT NULL AND g."MemberId" = f."MemberId")
            OR (f."MemberId" IS NULL AND g."MemberId" IS NULL AND g."SubjectType" = f."SubjectType" AND g."SubjectUnitId" = f."SubjectUnitId")))
        """;

    private static readonly string[] InstanceTables = ["WfJournal", "WfTaskAudience", "WfTasks", "WfTimers", "WfSubscriptions", "WfExternalTasks", "WfIncidents"];

    public static IEnumerable<string> Statements()
    {
        var instances = $"""SELECT "InstanceId" FROM "Files" WHERE "Id" IN ({Later}) AND "InstanceId" IS NOT NULL""";
        foreach (var table in InstanceTables)
        {
            yield return $"""DELETE FROM "{table}" WHERE "InstanceId" IN ({instances});""";
        }

        yield return $"""DELETE FROM "WfInstances" WHERE "Id" IN ({instances});""";
        yield return $"""DELETE FROM "FileEvents" WHERE "FileId" IN ({Later});""";
        yield return $"""DELETE FROM "Files" WHERE "Id" IN ({Later});""";
    }
}
