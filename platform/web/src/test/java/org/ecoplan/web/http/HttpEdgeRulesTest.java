package org.ecoplan.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class HttpEdgeRulesTest {

    @Test
    void namesTheQueryParameterOrThePathThatIsNotUtf8() {
        assertThat(HttpEdge.badEncoding("/plans?district=%E5%BB%B6%E5%BA%86&year=2026")).isNull();
        assertThat(HttpEdge.badEncoding("/plans?year=2026&district=%ED%A0%80").field()).isEqualTo("district");
        assertThat(HttpEdge.badEncoding("/plans?%C3=1").field()).isEqualTo("query");
        assertThat(HttpEdge.badEncoding("/departments/%C3/todo").field()).isEqualTo("path");
    }

    @Test
    void writesADispositionThatNoStoredNameCanBreakOutOf() {
        assertThat(ContentDisposition.attachment("现场照片 1.jpg"))
                .isEqualTo("attachment; filename=\"____ 1.jpg\"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.jpg");
        assertThat(ContentDisposition.attachment("a\"\r\nSet-Cookie: x=1;.pdf"))
                .isEqualTo("attachment; filename=\"a___Set-Cookie: x=1_.pdf\"; filename*=UTF-8''a%22%0D%0ASet-Cookie%3A%20x%3D1%3B.pdf");
        assertThat(ContentDisposition.attachment(null)).startsWith("attachment; filename=\"file\"");
    }

    @Test
    void matchesCallersAgainstTheOperatorsNetworks() throws Exception {
        assertThat(MetricsAccess.network("127.0.0.0/8").matches(socket("127.0.0.1"))).isTrue();
        assertThat(MetricsAccess.network("10.20.0.0/16").matches(socket("10.20.3.4"))).isTrue();
        assertThat(MetricsAccess.network("10.20.0.0/16").matches(socket("10.21.0.1"))).isFalse();
        assertThat(MetricsAccess.network("::1/128").matches(socket("::1"))).isTrue();
        assertThat(MetricsAccess.network("192.168.1.7").matches(socket("192.168.1.7"))).isTrue();
    }

    private static InetSocketAddress socket(String address) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), 0);
    }
}
