using Auth.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Auth.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Auth.Benchmarks -- single-hash
if (args is ["single-hash"])
{
    return SingleHash.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
