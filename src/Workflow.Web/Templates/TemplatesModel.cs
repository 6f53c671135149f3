using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Web.Data;

namespace Workflow.Web.Templates;

/// <summary>Document templates, versioned by key. Applied by <see cref="AppDbContext"/>.</summary>
internal sealed class TemplatesModel :
    IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> e)
    {
        e.ToTable("DocumentTemplates");
        e.Property(t => t.Key).HasMaxLength(100);
        e.Property(t => t.SavedBy).HasMaxLength(256);
        e.HasIndex(t => new { t.Key, t.Version }).IsUnique();
    }
}
