using System.Xml;
using System.Xml.Linq;

namespace Workflow.Engine.Bpmn;

/// <summary>
/// Loads untrusted XML: no DTD (so no entity expansion, no billion laughs), no external resolution (no XXE), a size
/// cap and a nesting-depth cap. Anything else is a clear error, never an exception that escapes.
/// </summary>
public static class SafeXml
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxDepth = 64;

    /// <summary>More attributes than any modeler writes on one element; bounds the reader's work per element.</summary>
    public const int MaxAttributesPerElement = 64;

    /// <summary>Elements in one file: a province's largest process has a few hundred; the bound keeps validation quick.</summary>
    public const int MaxElements = 100_000;

    public static XDocument Load(byte[] content, out string? error)
    {
        error = null;
        if (content.Length > MaxBytes)
        {
            error = $"Tệp quá lớn ({content.Length / 1024 / 1024.0:0.0} MB); giới hạn là {MaxBytes / 1024 / 1024} MB.";
            return new XDocument();
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
        };
        try
        {
            // First pass: the depth, attribute and element caps, before anything builds a tree.
            using (var reader = XmlReader.Create(new MemoryStream(content), settings))
            {
                var elements = 0;
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                    {
                        error = $"Tệp lồng quá sâu (quá {MaxDepth} cấp).";
                        return new XDocument();
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (++elements > MaxElements)
                    {
                        error = $"Tệp có quá nhiều phần tử (tối đa {MaxElements:N0}).";
                        return new XDocument();
                    }

                    if (reader.AttributeCount > MaxAttributesPerElement)
                    {
                        error = $"Phần tử {reader.Name} (dòng {(reader as IXmlLineInfo)?.LineNumber}) có {reader.AttributeCount:N0} thuộc tính; tối đa {MaxAttributesPerElement}.";
                        return new XDocument();
                    }
                }
            }

            using var second = XmlReader.Create(new MemoryStream(content), settings);
            return XDocument.Load(second, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            error = "Tệp chứa khai báo DTD (DOCTYPE), không được phép vì lý do an toàn.";
        }
        catch (XmlException ex)
        {
            error = $"Tệp không phải XML hợp lệ (dòng {ex.LineNumber}, cột {ex.LinePosition}): {ex.Message}";
        }

        return new XDocument();
    }
}
