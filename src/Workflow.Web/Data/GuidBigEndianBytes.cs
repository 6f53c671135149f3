namespace Workflow.Web.Data;

/// <summary>A GUID as its 16 bytes in big-endian (RFC 9562) order, which sorts version-7 GUIDs by time.</summary>
public sealed class GuidBigEndianBytes() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Guid, byte[]>(
    g => g.ToByteArray(true), b => new Guid(b, true))
{
    public static byte[] ToBytes(Guid id) => id.ToByteArray(true);
}
