using Workflow.Engine.Bpmn;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Every file shipped in workflows/ parses, validates and runs to its end.</summary>
public sealed class WorkflowFilesTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static TheoryData<string> Files => new(Directory.GetFiles(Folder, "*.bpmn").Select(Path.GetFileName).Order()!);

    /// <summary>Variables each shipped process needs to start, and the answers its tasks are completed with.</summary>
    private static readonly Dictionary<string, (string Name, object? Value)[]> Inputs = new()
    {
        ["rating-subject"] = [("subjectUnitId", "u1"), ("decidingUnitId", "u0"), ("selfAssessmentDue", "2026-12-10T17:00:00+07:00"),
            ("reviewDue", "2026-12-20T17:00:00+07:00"), ("boardAction", "propose"), ("selfAssessors", ""), ("superiorUnitId", "u"),
            ("complaintDeadline", "2027-01-20T17:00:00+07:00")],
        ["rating-decision"] = [("decisionId", "d1")],
        ["award-round"] = [("issuerUnitId", "u0"), ("awardRoundId", "r1"), ("selectionAction", "decide"), ("awardDecisionId", "d1")],
        ["award-proposal"] = [("upperUnitId", "u"), ("awardProposalId", "p1"), ("reviewAction", "forward"), ("decisionAction", "decide"), ("awardDecisionId", "d1")],
    };

    [Fact]
    public void The_workflows_folder_is_shipped_with_the_tests()
    {
        Assert.NotEmpty(Directory.GetFiles(Folder, "*.bpmn"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Shipped_workflow_validates_and_runs_to_the_end(string file)
    {
        var read = BpmnReader.Read(File.ReadAllBytes(Path.Combine(Folder, file)), file);
        Assert.True(read.IsValid, string.Join("; ", read.Problems));

        var h = new EngineHarness();
        await h.Engine.DeployAsync("workflows", [(file, File.ReadAllBytes(Path.Combine(Folder, file)))]);
        foreach (var process in read.Processes)
        {
            var inputs = Inputs.GetValueOrDefault(process.Key) ?? [];
            var instance = await h.Engine.StartByKeyAsync(process.Key, Vars.Of(inputs), businessKey: "test-" + process.Key);
            for (var step = 0; step < 100; step++)
            {
                var current = await h.InstanceAsync(instance.Id);
                if (current.IsEnded)
                {
                    break;
                }

                Assert.Empty(current.Incidents);
                if (current.Tasks.FirstOrDefault() is { } task)
                {
                    Assert.NotNull(task.FormKey);
                    await h.Engine.CompleteTaskAsync(task.Id, Vars.Of(inputs));
                }
                else if (current.Subscriptions.FirstOrDefault() is { } subscription)
                {
                    await h.Engine.CorrelateMessageAsync(subscription.MessageName, current.BusinessKey);
                }
                else if (current.ExternalTasks.FirstOrDefault() is { } external)
                {
                    // A service task: the worker (or the host's topic handler) locks it and reports it done.
                    await h.Engine.LockExternalTaskAsync(external.Id, "test-worker", TimeSpan.FromMinutes(1));
                    await h.Engine.CompleteExternalTaskAsync(external.Id, "test-worker");
                }
                else if (current.Timers.FirstOrDefault() is { } timer)
                {
                    await h.AdvanceAsync(timer.DueAt - h.Clock.Now);
                }
                else
                {
                    Assert.Fail($"{process.Key} waits on nothing a test can drive.");
                }
            }

            Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        }
    }
}
