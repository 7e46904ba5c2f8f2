using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Health;

public sealed class HealthProbeFactoryTests : IDisposable
{
    private readonly Children _children = new();
    private readonly HealthProbeFactory _factory;

    public HealthProbeFactoryTests() => _factory = new HealthProbeFactory(_children.Spawner);

    public void Dispose()
    {
        _factory.Dispose();
        _children.Dispose();
    }

    private IHealthProbe Create(string endpoint) => _factory.Create(endpoint, new Dictionary<string, string>(), "/");

    [Theory]
    [InlineData("http://127.0.0.1:8000/health", typeof(HttpHealthProbe))]
    [InlineData("https://localhost/health", typeof(HttpHealthProbe))]
    [InlineData("tcp://127.0.0.1:5432", typeof(TcpHealthProbe))]
    [InlineData("tcp://[::1]:5432", typeof(TcpHealthProbe))]
    [InlineData("exec:pg_isready -q", typeof(ExecHealthProbe))]
    public void Each_kind_of_endpoint_gets_its_probe(string endpoint, Type kind)
    {
        var probe = Create(endpoint);

        probe.Should().BeOfType(kind);
        probe.Endpoint.Should().Be(endpoint);
    }

    [Theory]
    [InlineData("ftp://host/x")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("exec:  ")]
    [InlineData("127.0.0.1:8000")]
    public void Anything_else_is_refused(string endpoint)
    {
        var create = () => Create(endpoint);

        create.Should().Throw<ArgumentException>().WithMessage("*tcp://HOST:PORT*");
    }

    [Fact]
    public void Health_statuses_have_the_contract_spelling()
    {
        HealthStatusNames.ToText(HealthStatus.Unknown).Should().Be("unknown");
        HealthStatusNames.ToText(HealthStatus.Healthy).Should().Be("healthy");
        HealthStatusNames.ToText(HealthStatus.Unhealthy).Should().Be("unhealthy");
    }
}
