[assembly: AssemblyFixture(typeof(Cartero.Tests.Infrastructure.PostgresCluster))]
