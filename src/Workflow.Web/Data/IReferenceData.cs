namespace Workflow.Web.Data;

/// <summary>
/// Rows a feature needs in every database (the shipped rule sets, the default award rule), ensured at every start
/// after the migrations, before the demo data. Each must add only what is missing and leave an admin's changes alone.
/// </summary>
public interface IReferenceData
{
    Task EnsureAsync(CancellationToken cancellationToken);
}
