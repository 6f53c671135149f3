using System.Text;
using Workflow.Engine.Bpmn;

namespace Workflow.Engine.Tests.Bpmn;

/// <summary>Every validation rule reports the element (id and name) and says what is wrong; nothing half-deploys.</summary>
public sealed class ValidationTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        """;

    private static BpmnReadResult Read(string body) =>
        BpmnReader.Read(Encoding.UTF8.GetBytes(Head + "<bpmn:process id=\"p\" name=\"Thử\" isExecutable=\"true\">" + body + "</bpmn:process></bpmn:definitions>"), "test.bpmn");

    private static BpmnProblem Single(string body, string elementId)
    {
        var result = Read(body);
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems, p => p.ElementId == elementId);
    }

    [Fact]
    public void Unsupported_element_is_refused_by_name()
    {
        var problem = Single("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="script" />
            <bpmn:scriptTask id="script" name="Chạy kịch bản" scriptFormat="groovy"><bpmn:script>x</bpmn:script></bpmn:scriptTask>
            """, "script");
        Assert.Equal("Chạy kịch bản", problem.ElementName);
        Assert.Contains("scriptTask", problem.Message.ToString());
    }

    [Fact]
    public void Unsupported_camunda_attribute_is_refused()
    {
        var result = Read("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
            <bpmn:serviceTask id="t" camunda:class="com.example.Delegate" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        Assert.Contains(result.Problems, p => p.ElementId == "t" && p.Message.ToString().Contains("camunda:class", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.ElementId == "t" && p.Message.ToString().Contains("camunda:type=\"external\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreachable_node_is_reported()
    {
        var problem = Single("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
            <bpmn:userTask id="orphan" name="Mồ côi" />
            """, "orphan");
        Assert.Contains("không thể đạt tới", problem.Message.ToString());
    }

    [Fact]
    public void Gateway_without_outgoing_flow_is_reported()
    {
        var problem = Single("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" />
            """, "g");
        Assert.Contains("không có luồng ra", problem.Message.ToString());
    }

    [Fact]
    public void Exclusive_flow_without_condition_and_not_default_is_reported()
    {
        var problem = Single("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" />
            <bpmn:sequenceFlow id="yes" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="no" name="Không" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />
            """, "no");
        Assert.Equal("Không", problem.ElementName);
        Assert.Contains("không có điều kiện", problem.Message.ToString());
    }

    [Fact]
    public void Unparsable_expression_is_reported()
    {
        var problem = Single("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" camunda:assignee="${user.}" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            """, "t");
        Assert.Contains("camunda:assignee", problem.Message.ToString());
    }

    [Theory]
    [InlineData("timeDuration", "3 ngày")]
    [InlineData("timeCycle", "0 0 9 * * ?")]
    [InlineData("timeDate", "15/12/2026")]
    public void Invalid_ISO_8601_timer_is_reported(string kind, string value)
    {
        var problem = Single($"""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="w" />
            <bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="e" /><bpmn:endEvent id="e" />
            """, "w");
        Assert.Contains("ISO 8601", problem.Message.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Read("""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" />
            <bpmn:userTask id="orphan" /><bpmn:businessRuleTask id="rules" />
            """);
        Assert.Equal(["g", "orphan", "rules"], result.Problems.Select(p => p.ElementId).Order());
    }

    [Fact]
    public void XXE_is_refused_without_reading_the_file()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&xxe;" /></bpmn:definitions>
            """;
        var result = BpmnReader.Read(Encoding.UTF8.GetBytes(xml));
        var problem = Assert.Single(result.Problems);
        Assert.Contains("DTD", problem.Message.ToString());
        Assert.DoesNotContain("root:", problem.Message.ToString());
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&lol3;" /></bpmn:definitions>
            """;
        Assert.Contains("DTD", Assert.Single(BpmnReader.Read(Encoding.UTF8.GetBytes(xml)).Problems).Message.ToString());
    }

    [Fact]
    public void Oversized_and_deeply_nested_files_are_refused()
    {
        var big = new byte[(5 * 1024 * 1024) + 1];
        Assert.Contains("quá lớn", Assert.Single(BpmnReader.Read(big).Problems).Message.ToString());

        var deep = new StringBuilder("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">");
        for (var i = 0; i < 200; i++)
        {
            deep.Append("<a>");
        }

        for (var i = 0; i < 200; i++)
        {
            deep.Append("</a>");
        }

        deep.Append("</bpmn:definitions>");
        Assert.Contains("lồng quá sâu", Assert.Single(BpmnReader.Read(Encoding.UTF8.GetBytes(deep.ToString())).Problems).Message.ToString());
    }

    [Fact]
    public void An_element_with_a_hundred_thousand_attributes_is_refused_before_it_is_read()
    {
        var attributes = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            attributes.Append(" a").Append(i).Append("=\"x\"");
        }

        var result = Read($"<bpmn:startEvent id=\"s\"{attributes} /><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\" /><bpmn:endEvent id=\"e\" />");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("thuộc tính; tối đa 64", problem.Message.ToString());
        Assert.Empty(result.Processes);
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 100_001; i++)
        {
            body.Append("<bpmn:textAnnotation/>");
        }

        Assert.Contains("quá nhiều phần tử", Assert.Single(Read(body.ToString()).Problems).Message.ToString());
    }

    [Theory]
    [InlineData("R/PT0.001S")]
    [InlineData("R5/PT30S")]
    public void A_timer_cycle_shorter_than_the_minimum_is_refused(string cycle)
    {
        var body = $"""
            <bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
            """;
        var problem = Single(body, "s");
        Assert.Contains("tối thiểu 1 phút", problem.Message.ToString());

        // The minimum is the host's to configure; a stored definition is read back without it.
        var relaxed = BpmnReader.Read(Encoding.UTF8.GetBytes(Head + "<bpmn:process id=\"p\" isExecutable=\"true\">" + body + "</bpmn:process></bpmn:definitions>"),
            "t.bpmn", new BpmnReadOptions { MinTimerCycle = TimeSpan.FromMilliseconds(1) });
        Assert.True(relaxed.IsValid, string.Join("; ", relaxed.Problems));
    }

    [Fact]
    public void Process_properties_are_read_into_the_model()
    {
        var result = BpmnReader.Read(Encoding.UTF8.GetBytes(Head + """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:extensionElements><camunda:properties><camunda:property name="productDriven" value="true" /><camunda:property name="owner" value="BTC" /></camunda:properties></bpmn:extensionElements>
              <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
            </bpmn:process></bpmn:definitions>
            """), "t.bpmn");
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var model = Assert.Single(result.Processes);
        Assert.Equal("true", model.Properties["productDriven"]);
        Assert.Equal("BTC", model.Properties["owner"]);
    }

    [Fact]
    public void Malformed_xml_and_non_bpmn_get_clear_messages()
    {
        Assert.Contains("XML hợp lệ", Assert.Single(BpmnReader.Read("<bpmn:definitions"u8.ToArray()).Problems).Message.ToString());
        Assert.Contains("BPMN 2.0", Assert.Single(BpmnReader.Read("<html><body/></html>"u8.ToArray()).Problems).Message.ToString());
    }

    [Fact]
    public void Every_scenario_file_is_valid()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios"), "*.bpmn"))
        {
            var result = BpmnReader.Read(File.ReadAllBytes(file), Path.GetFileName(file));
            Assert.True(result.IsValid, $"{Path.GetFileName(file)}: {string.Join("; ", result.Problems)}");
        }
    }
}
