using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Auth.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
