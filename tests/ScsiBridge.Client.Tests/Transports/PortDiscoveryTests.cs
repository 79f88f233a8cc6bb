using System;
using System.Collections.Generic;
using System.IO;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    /// <summary>Discovery over a scratch directory laid out like /dev.</summary>
    public sealed class PortDiscoveryTests : IDisposable
    {
        private readonly string _dev;

        public PortDiscoveryTests()
        {
            _dev = Path.Combine(Path.GetTempPath(), "scsibridge-dev-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dev);
        }

        public void Dispose()
        {
            Directory.Delete(_dev, recursive: true);
        }

        [Fact]
        public void ListsEachTtyOnceWithItsByIdNameInNumericOrder()
        {
            foreach (string name in new[] { "ttyUSB0", "ttyUSB10", "ttyUSB2", "ttyACM0", "ttyXRUSB0", "ttyS0" })
            {
                File.WriteAllText(Path.Combine(_dev, name), string.Empty);
            }

            string byId = Path.Combine(_dev, "serial", "by-id");
            Directory.CreateDirectory(byId);
            File.CreateSymbolicLink(Path.Combine(byId, "usb-Silicon_Labs_CP2102N_USB_to_UART_0001-if00-port0"), "../../ttyUSB0");
            // A second name for the same tty must not make a second entry.
            File.CreateSymbolicLink(Path.Combine(byId, "usb-Silicon_Labs_CP2102N_USB_to_UART_0001-if00"), "../../ttyUSB0");
            File.CreateSymbolicLink(Path.Combine(byId, "usb-Espressif_USB_JTAG_serial_debug_unit-if00"), "../../ttyACM0");
            // A USB adapter whose driver uses another tty name is found through its link alone.
            File.CreateSymbolicLink(Path.Combine(byId, "usb-Exar_XR21V1410-if00"), "../../ttyXRUSB0");
            // A link left behind by an unplugged adapter.
            File.CreateSymbolicLink(Path.Combine(byId, "usb-FTDI_FT232R_gone-if00-port0"), "../../ttyUSB99");

            IReadOnlyList<PortInfo> ports = PortDiscovery.ListPorts(_dev);

            Assert.Collection(
                ports,
                p => AssertPort(p, "ttyACM0", "usb-Espressif_USB_JTAG_serial_debug_unit-if00"),
                p => AssertPort(p, "ttyUSB0", "usb-Silicon_Labs_CP2102N_USB_to_UART_0001-if00"),
                p => AssertPort(p, "ttyUSB2", null),
                p => AssertPort(p, "ttyUSB10", null),
                p => AssertPort(p, "ttyXRUSB0", "usb-Exar_XR21V1410-if00"));
        }

        [Fact]
        public void AnEmptySerialDirectoryListsNothing()
        {
            Directory.CreateDirectory(Path.Combine(_dev, "serial"));

            Assert.Empty(PortDiscovery.ListPorts(_dev));

            Directory.CreateDirectory(Path.Combine(_dev, "serial", "by-id"));

            Assert.Empty(PortDiscovery.ListPorts(_dev));
        }

        [Fact]
        public void AMissingDirectoryListsNothing()
        {
            Assert.Empty(PortDiscovery.ListPorts(Path.Combine(_dev, "absent")));
        }

        [Fact]
        public void TheRealDeviceDirectoryListsWithoutDuplicates()
        {
            IReadOnlyList<PortInfo> ports = PortDiscovery.ListPorts();

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (PortInfo port in ports)
            {
                Assert.True(seen.Add(port.Path), port.Path);
            }
        }

        [Theory]
        [InlineData("/dev/ttyUSB2", "/dev/ttyUSB10")]
        [InlineData("/dev/ttyACM9", "/dev/ttyUSB0")]
        [InlineData("/dev/ttyUSB01", "/dev/ttyUSB1")]
        [InlineData("/dev/ttyUSB", "/dev/ttyUSB0")]
        public void NaturalOrderComparesDigitRunsAsNumbers(string first, string second)
        {
            Assert.True(PortDiscovery.NaturalCompare(first, second) < 0);
            Assert.True(PortDiscovery.NaturalCompare(second, first) > 0);
            Assert.Equal(0, PortDiscovery.NaturalCompare(first, first));
        }

        private void AssertPort(PortInfo port, string tty, string? byIdName)
        {
            Assert.Equal(Path.Combine(_dev, tty), port.Path);
            Assert.Equal(byIdName, port.ByIdName);
            if (byIdName != null)
            {
                Assert.Equal(Path.Combine(_dev, "serial", "by-id", byIdName), port.ByIdPath);
            }
        }
    }
}
