namespace Workflow.Web.Designer;

/// <summary>
/// The workflow designer and the operations views (Admin only): processes, drafts, validation, publishing, versions,
/// import/export; statistics and heatmap per version; instances with their tree, variables, journal and incidents.
/// JSON under /api/admin, pages under /Admin/Processes and /Admin/Instances.
/// Pages: Pages/Admin/Processes, Pages/Admin/Instances, Pages/Admin/Forms.
/// </summary>
public static class DesignerFeature
{
    public static void AddDesigner(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProcessDesigner>();
        builder.Services.AddScoped<ProcessOperations>();
        builder.Services.AddScoped<FormLibrary>();
        builder.Services.AddScoped<SaveFormVersion>();
        builder.Services.AddScoped<ShowTaskForm>();
        builder.Services.AddScoped<SubmitTaskForm>();
    }
}
