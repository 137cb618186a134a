package vn.lienthong.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class SubjectHasherTest {

    @Test
    void shouldGiveTheHmacSha256OfRfc4231TestCase2() {
        SubjectHasher hasher = new SubjectHasher("Jefe");

        assertThat(hasher.hash("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldGiveTheSameHashAgainAndOnAnotherThread() throws Exception {
        SubjectHasher hasher = new SubjectHasher("audit-secret");
        String first = hasher.hash("049085754323");

        assertThat(hasher.hash("049085754323")).isEqualTo(first); // the thread's Mac was reset by the first hash
        assertThat(hasher.hash("001200000001")).isNotEqualTo(first);
        assertThat(CompletableFuture.supplyAsync(() -> hasher.hash("049085754323")).get()).isEqualTo(first);
        assertThat(new SubjectHasher("another-secret").hash("049085754323")).isNotEqualTo(first);
    }

    @Test
    void shouldRefuseAnEmptySecret() {
        assertThatThrownBy(() -> new SubjectHasher(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.audit.hmac-secret");
    }
}
