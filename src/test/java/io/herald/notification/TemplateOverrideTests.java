package io.herald.notification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.template.NotificationTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates overridden from a directory without rebuilding, and mistakes in them stopping the start. */
class TemplateOverrideTests {

	@TempDir
	Path dir;

	NotificationTemplates load() throws Exception {
		return new NotificationTemplates(
				NotificationSettingsFixture.with(Map.of("herald.notifications.templates.override-dir", dir.toString())));
	}

	@Test
	void aTemplateInTheOverrideDirectoryReplacesTheBuiltInOne() throws Exception {
		Files.writeString(dir.resolve("stocked.en.mustache"), "Ready: {{orderNumber}}\n---\nCome and see, {{customerName}}.\n");
		Files.createDirectories(dir.resolve("email"));
		Files.writeString(dir.resolve("email/stocked.zh-CN.html.mustache"), "<p>{{orderNumber}} 已备好</p>");
		var templates = load();
		var en = templates.render(NotificationKind.STOCKED, ChannelType.EMAIL, "en", templates.sample("en"));
		assertThat(en.subject()).isEqualTo("Ready: SAMPLE-1001");
		assertThat(en.body()).isEqualTo("Come and see, Li Wei.\n");
		assertThat(templates.source(NotificationKind.STOCKED, ChannelType.EMAIL, "en"))
			.isEqualTo(dir.resolve("stocked.en.mustache").toString());
		var zh = templates.render(NotificationKind.STOCKED, ChannelType.EMAIL, "zh-CN", templates.sample("zh-CN"));
		assertThat(zh.html()).isEqualTo("<p>SAMPLE-1001 已备好</p>");
		// the other kinds keep the built-in templates
		assertThat(templates.source(NotificationKind.DELIVERED, ChannelType.EMAIL, "en")).startsWith("built-in");
	}

	@Test
	void aMissingVariableStopsTheStartInsteadOfReachingACustomer() throws Exception {
		Files.writeString(dir.resolve("stocked.en.mustache"), "Ready\n---\nHello {{customerFirstName}}\n");
		assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("stocked.en.mustache")
			.hasMessageContaining("customerFirstName");
	}

	@Test
	void aChannelFolderMustCoverEveryKindInBothLocales() throws Exception {
		Files.createDirectories(dir.resolve("log"));
		Files.writeString(dir.resolve("log/stocked.en.mustache"), "Ready\n---\n{{orderNumber}}\n");
		assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class).hasMessageContaining("in log/");
	}

	@Test
	void aMisnamedFileIsRefused() throws Exception {
		Files.writeString(dir.resolve("stockd.en.mustache"), "x\n---\ny\n");
		assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("names no notification kind");
	}

}
